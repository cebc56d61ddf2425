package org.dfutools.eclipse.core.device;

import java.util.Optional;

/**
 * One physical board, across its run-time and DFU modes: it keeps its id when it re-enumerates under
 * another VID:PID, and remembers the IDs it has shown in each mode.
 *
 * @param id        stable for the life of the registry: the port path where the board was first seen
 * @param device    what is attached now
 * @param runtimeId the VID:PID seen in run-time mode, if it has been seen
 * @param dfuId     the VID:PID seen in DFU mode, if it has been seen
 */
public record Board(String id, DfuDeviceRecord device, Optional<UsbId> runtimeId, Optional<UsbId> dfuId) {

	static Board first(String id, DfuDeviceRecord device) {
		return new Board(id, device, Optional.empty(), Optional.empty()).withDevice(device);
	}

	/**
	 * The same board with a newly read device, remembering the ID of the other mode, unless the ID of
	 * this mode changed: then another kind of board took the port, and what was known of the other
	 * mode belongs to the board that left.
	 */
	Board withDevice(DfuDeviceRecord newDevice) {
		Optional<UsbId> seen = Optional.of(newDevice.id());
		if (newDevice.mode().isDfuMode()) {
			boolean sameKind = dfuId.isEmpty() || dfuId.equals(seen);
			return new Board(id, newDevice, sameKind ? runtimeId : Optional.empty(), seen);
		}
		boolean sameKind = runtimeId.isEmpty() || runtimeId.equals(seen);
		return new Board(id, newDevice, seen, sameKind ? dfuId : Optional.empty());
	}

	public DeviceMode mode() {
		return device.mode();
	}
}
