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

	/** The same board with a newly read device, remembering the IDs of the other mode. */
	Board withDevice(DfuDeviceRecord newDevice) {
		boolean dfuMode = newDevice.mode().isDfuMode();
		return new Board(id, newDevice, dfuMode ? runtimeId : Optional.of(newDevice.id()),
				dfuMode ? Optional.of(newDevice.id()) : dfuId);
	}

	public DeviceMode mode() {
		return device.mode();
	}
}
