package org.dfutools.eclipse.core.device;

import java.util.Optional;

import org.eclipse.osgi.util.NLS;

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
 * @param otherModeGuessed what is known of the mode the board is not in came from a guess: the board arrived
 *                       unannounced, in a mode not seen on it before, on the port another board had left (the
 *                       same board re-plugged with its boot button held, or another board). It is shown, but no
 *                       check refuses a flash on it; an operation that sees the board change mode confirms it.
 */
public record Board(String id, DfuDeviceRecord device, Optional<DfuDeviceRecord> runtimeDevice,
		Optional<DfuDeviceRecord> dfuModeDevice, boolean reenumerating, boolean otherModeGuessed) {

	public Board(String id, DfuDeviceRecord device, Optional<DfuDeviceRecord> runtimeDevice,
			Optional<DfuDeviceRecord> dfuModeDevice, boolean reenumerating) {
		this(id, device, runtimeDevice, dfuModeDevice, reenumerating, false);
	}

	static Board first(String id, DfuDeviceRecord device) {
		return new Board(id, device, Optional.empty(), Optional.empty(), false).withDevice(device);
	}

	/**
	 * The same board with a newly read device, on the bus, remembering what was seen of the other mode,
	 * unless the ID of this mode changed: then another kind of board took the port, and what was known of
	 * the other mode belongs to the board that left.
	 */
	Board withDevice(DfuDeviceRecord newDevice) {
		boolean toDfu = newDevice.mode().isDfuMode();
		Optional<UsbId> known = toDfu ? dfuId() : runtimeId();
		Optional<DfuDeviceRecord> other = toDfu ? runtimeDevice : dfuModeDevice;
		boolean sameMode = device.mode().isDfuMode() == toDfu;
		boolean confirmed = known.equals(Optional.of(newDevice.id()));
		Optional<DfuDeviceRecord> kept = known.isEmpty() || confirmed ? other : Optional.empty();
		// First seen in this mode, with the other mode's record kept: a guess, unless it is a re-read of this device.
		boolean guessed = kept.isPresent() && (sameMode ? otherModeGuessed : !confirmed);
		return toDfu ? new Board(id, newDevice, kept, Optional.of(newDevice), false, guessed)
				: new Board(id, newDevice, Optional.of(newDevice), kept, false, guessed);
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
		return newDevice.mode().isDfuMode() ? new Board(id, newDevice, runtimeDevice, Optional.of(newDevice), false, false)
				: new Board(id, newDevice, Optional.of(newDevice), dfuModeDevice, false, false);
	}

	/** The same board off the bus, expected back: it keeps what was last read of it. */
	Board offTheBus() {
		return new Board(id, device, runtimeDevice, dfuModeDevice, true, otherModeGuessed);
	}

	/** The run-time mode as decisions may use it: what was seen of it, unless it is a guess made in DFU mode. */
	public Optional<DfuDeviceRecord> knownRuntime() {
		return otherModeGuessed && device.mode().isDfuMode() ? Optional.empty() : runtimeDevice;
	}

	/**
	 * The DFU mode as the checks before the board is touched may use it: what was seen of it, unless it came with
	 * a guess (see {@link #otherModeGuessed()}) and the board is not in DFU mode now.
	 */
	public Optional<DfuDeviceRecord> knownDfuMode() {
		return otherModeGuessed && !device.mode().isDfuMode() ? Optional.empty() : dfuModeDevice;
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

	/** The board in messages: its {@link #name()} (the application's, in DFU mode too), and its port. */
	public String label() {
		return name() + " (" + device.location().portPath() + ")"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The board in one line, for consoles and dialogs: name, ID, serial, port, mode and bcdDevice. */
	public String describe() {
		String serial = device.serial().isEmpty() ? "" : NLS.bind(Messages.Board_serial, device.serial()); //$NON-NLS-1$
		return NLS.bind(Messages.Board_describe, new Object[] { device.displayName(), device.id(), serial,
				device.location().portPath(), mode().isDfuMode() ? Messages.Board_modeDfu : Messages.Board_modeRuntime,
				String.format("%04x", Integer.valueOf(device.bcdDevice())) }); //$NON-NLS-1$
	}

	/** Its application has a serial port (a CDC ACM function), as last seen: a serial monitor can follow it. */
	public boolean hasSerialPort() {
		return knownRuntime().map(DfuDeviceRecord::serialPort).orElse(Boolean.FALSE).booleanValue();
	}

	public DeviceMode mode() {
		return device.mode();
	}

	/** On the bus now, so that requests can reach it. */
	public boolean attached() {
		return !reenumerating;
	}
}
