package org.dfutools.eclipse.core.device;

import java.util.Optional;

/**
 * One physical board, across its run-time and DFU modes: it keeps its id when it re-enumerates under
 * another VID:PID, and remembers what it has shown in each mode.
 *
 * @param id             stable for the life of the registry: the port path where the board was first seen
 * @param device         what is attached now; while re-enumerating, what was attached last
 * @param runtimeDevice  the device as last seen in run-time mode (its IDs and names), if it has been seen
 * @param dfuModeDevice  the device as last seen in DFU mode (its IDs, functional descriptor and alt
 *                       settings), if it has been seen
 * @param reenumerating  off the bus between two modes, expected back (see
 *                       {@link DeviceRegistry#expectReenumeration(String)})
 */
public record Board(String id, DfuDeviceRecord device, Optional<DfuDeviceRecord> runtimeDevice,
		Optional<DfuDeviceRecord> dfuModeDevice, boolean reenumerating) {

	static Board first(String id, DfuDeviceRecord device) {
		return new Board(id, device, Optional.empty(), Optional.empty(), false).withDevice(device);
	}

	/**
	 * The same board with a newly read device, on the bus, remembering what was seen of the other mode,
	 * unless the ID of this mode changed: then another kind of board took the port, and what was known of
	 * the other mode belongs to the board that left.
	 */
	Board withDevice(DfuDeviceRecord newDevice) {
		if (newDevice.mode().isDfuMode()) {
			boolean sameKind = dfuId().isEmpty() || dfuId().equals(Optional.of(newDevice.id()));
			return new Board(id, newDevice, sameKind ? runtimeDevice : Optional.empty(), Optional.of(newDevice), false);
		}
		boolean sameKind = runtimeId().isEmpty() || runtimeId().equals(Optional.of(newDevice.id()));
		return new Board(id, newDevice, Optional.of(newDevice), sameKind ? dfuModeDevice : Optional.empty(), false);
	}

	/**
	 * The same board back from a re-enumeration that an operation expected (a reboot into DFU mode, a flash): it is
	 * certainly this board, so what it showed in the mode it left is kept even when this mode's ID differs from
	 * the one remembered, which then belonged to a board that had the port before.
	 */
	Board backFromReenumeration(DfuDeviceRecord newDevice) {
		boolean fromOtherMode = device.mode().isDfuMode() != newDevice.mode().isDfuMode();
		if (!fromOtherMode) {
			return withDevice(newDevice);
		}
		return newDevice.mode().isDfuMode() ? new Board(id, newDevice, runtimeDevice, Optional.of(newDevice), false)
				: new Board(id, newDevice, Optional.of(newDevice), dfuModeDevice, false);
	}

	/** The same board off the bus, expected back: it keeps what was last read of it. */
	Board offTheBus() {
		return new Board(id, device, runtimeDevice, dfuModeDevice, true);
	}

	/** The VID:PID seen in run-time mode, if it has been seen. */
	public Optional<UsbId> runtimeId() {
		return runtimeDevice.map(DfuDeviceRecord::id);
	}

	/**
	 * What to call the board whatever mode it is in: the application's name once it has been seen (a
	 * bootloader's name says little about the board), else the name of what is attached.
	 */
	public String name() {
		return runtimeDevice.orElse(device).displayName();
	}

	/** The VID:PID seen in DFU mode, if it has been seen. */
	public Optional<UsbId> dfuId() {
		return dfuModeDevice.map(DfuDeviceRecord::id);
	}

	/** The board in messages: the name of what is attached, and its port. */
	public String label() {
		return device.displayName() + " (" + device.location().portPath() + ")"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	public DeviceMode mode() {
		return device.mode();
	}

	/** On the bus now, so that requests can reach it. */
	public boolean attached() {
		return !reenumerating;
	}
}
