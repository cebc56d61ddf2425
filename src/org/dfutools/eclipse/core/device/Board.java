package org.dfutools.eclipse.core.device;

import java.util.Optional;

/**
 * One physical board, across its run-time and DFU modes: it keeps its id when it re-enumerates under
 * another VID:PID, and remembers the IDs it has shown in each mode.
 *
 * @param id             stable for the life of the registry: the port path where the board was first seen
 * @param device         what is attached now; while re-enumerating, what was attached last
 * @param runtimeId      the VID:PID seen in run-time mode, if it has been seen
 * @param dfuId          the VID:PID seen in DFU mode, if it has been seen
 * @param reenumerating  off the bus between two modes, expected back (see
 *                       {@link DeviceRegistry#expectReenumeration(String)})
 */
public record Board(String id, DfuDeviceRecord device, Optional<UsbId> runtimeId, Optional<UsbId> dfuId,
		boolean reenumerating) {

	/** A board on the bus. */
	public Board(String id, DfuDeviceRecord device, Optional<UsbId> runtimeId, Optional<UsbId> dfuId) {
		this(id, device, runtimeId, dfuId, false);
	}

	static Board first(String id, DfuDeviceRecord device) {
		return new Board(id, device, Optional.empty(), Optional.empty()).withDevice(device);
	}

	/**
	 * The same board with a newly read device, on the bus, remembering the ID of the other mode, unless the
	 * ID of this mode changed: then another kind of board took the port, and what was known of the other
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

	/** The same board off the bus, expected back: it keeps what was last read of it. */
	Board offTheBus() {
		return new Board(id, device, runtimeId, dfuId, true);
	}

	public DeviceMode mode() {
		return device.mode();
	}

	/** On the bus now, so that requests can reach it. */
	public boolean attached() {
		return !reenumerating;
	}
}
