package org.dfutools.eclipse.core.flash;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbId;
import org.eclipse.osgi.util.NLS;

/**
 * Which board a flash configuration is for: by serial number, by USB port path, or by VID:PID (the
 * run-time or DFU-mode ID, which must then match one board only). Stored as text in a launch
 * configuration, so it outlives the boards attached now.
 */
public record BoardSelector(Kind kind, String value) {

	public enum Kind {
		SERIAL, PORT, USB_ID;

		/** The kind stored under this name, or SERIAL for a name of no kind. */
		public static Kind named(String name) {
			for (Kind kind : values()) {
				if (kind.name().equals(name)) {
					return kind;
				}
			}
			return SERIAL;
		}
	}

	public BoardSelector {
		value = value == null ? "" : value.strip(); //$NON-NLS-1$
	}

	/**
	 * Selects this board the most durable way it allows among the boards attached with it: its serial
	 * number, unless it has none or another attached board has the same one (clones, or bootloaders that all
	 * report one serial), else its USB port.
	 */
	public static BoardSelector of(Board board, List<Board> attached) {
		String serial = board.device().serial();
		boolean unique = !serial.isEmpty() && attached.stream()
				.noneMatch(other -> !other.id().equals(board.id()) && other.device().serial().equals(serial));
		return unique ? new BoardSelector(Kind.SERIAL, serial) : as(Kind.PORT, board);
	}

	/** Selects this board by the given kind of value: its serial, its port path, or its run-time VID:PID. */
	public static BoardSelector as(Kind kind, Board board) {
		return new BoardSelector(kind, switch (kind) {
		case SERIAL -> board.device().serial();
		case PORT -> board.device().location().portPath();
		case USB_ID -> board.runtimeId().orElse(board.device().id()).toString();
		});
	}

	/** Why the value cannot select a board, or empty when it can. */
	public Optional<String> problem() {
		if (value.isEmpty()) {
			return Optional.of(Messages.BoardSelector_empty);
		}
		if (kind == Kind.USB_ID && parseId(value).isEmpty()) {
			return Optional.of(NLS.bind(Messages.BoardSelector_badId, value));
		}
		if (kind == Kind.PORT && !value.matches("\\d+-\\d+(\\.\\d+)*")) { //$NON-NLS-1$
			return Optional.of(NLS.bind(Messages.BoardSelector_badPort, value));
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			return Optional.of(Messages.BoardSelector_control);
		}
		return Optional.empty();
	}

	public boolean matches(Board board) {
		return switch (kind) {
		// The serial of either mode: the run-time and DFU-mode serials may differ (Zephyr, ST's bootloaders).
		case SERIAL -> board.device().serial().equals(value) || board.runtimeDevice().map(DfuDeviceRecord::serial).equals(Optional.of(value))
				|| board.dfuModeDevice().map(DfuDeviceRecord::serial).equals(Optional.of(value));
		case PORT -> board.device().location().portPath().equals(value);
		case USB_ID -> parseId(value).filter(id -> id.equals(board.device().id()) || board.runtimeId().equals(Optional.of(id))
				|| board.dfuId().equals(Optional.of(id))).isPresent();
		};
	}

	/** The one attached board this selects; an error that says why when there is none or several. */
	public Board select(List<Board> attached) throws FlashException {
		List<Board> matching = attached.stream().filter(this::matches).toList();
		if (matching.size() == 1) {
			return matching.get(0);
		}
		if (matching.isEmpty()) {
			throw new FlashException(NLS.bind(Messages.BoardSelector_none, this));
		}
		String ports = matching.stream().map(board -> board.device().location().portPath()).collect(Collectors.joining(", ")); //$NON-NLS-1$
		throw new FlashException(NLS.bind(kind == Kind.PORT ? Messages.BoardSelector_severalOnPort : Messages.BoardSelector_several,
				new Object[] { Integer.valueOf(matching.size()), this, ports }));
	}

	/** "VVVV:PPPP" in hexadecimal, as lsusb and dfu-util write it. */
	public static Optional<UsbId> parseId(String text) {
		String[] parts = text.strip().toLowerCase(Locale.ROOT).split(":", -1); //$NON-NLS-1$
		if (parts.length != 2 || !parts[0].matches("(0x)?[0-9a-f]{1,4}") || !parts[1].matches("(0x)?[0-9a-f]{1,4}")) { //$NON-NLS-1$ //$NON-NLS-2$
			return Optional.empty();
		}
		return Optional.of(new UsbId(Integer.parseInt(parts[0].replace("0x", ""), 16), //$NON-NLS-1$ //$NON-NLS-2$
				Integer.parseInt(parts[1].replace("0x", ""), 16))); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public String toString() {
		return switch (kind) {
		case SERIAL -> NLS.bind(Messages.BoardSelector_bySerial, value);
		case PORT -> NLS.bind(Messages.BoardSelector_byPort, value);
		case USB_ID -> NLS.bind(Messages.BoardSelector_byId, value);
		};
	}
}
