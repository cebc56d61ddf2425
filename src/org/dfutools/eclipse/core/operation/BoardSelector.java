package org.dfutools.eclipse.core.operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbId;
import org.eclipse.osgi.util.NLS;

/**
 * Which boards a flash configuration is for: one or several, each by serial number, by USB port path, or by
 * VID:PID (the run-time or DFU-mode ID, which must then match one board only), the values separated by commas; or
 * every attached board with one VID:PID. Stored as text in a launch configuration, so it outlives the boards
 * attached now.
 */
public record BoardSelector(Kind kind, String value) implements BoardChoice {

	public enum Kind {
		SERIAL, PORT, USB_ID, EVERY_WITH_ID;

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

	/** What separates the values of several boards. */
	private static final String SEPARATOR = ","; //$NON-NLS-1$

	public BoardSelector {
		value = value == null ? "" : value.strip(); //$NON-NLS-1$
	}

	/**
	 * Selects this board the most durable way it allows among the boards attached with it: its serial
	 * number, unless it has none or another attached board has the same one (clones, or bootloaders that all
	 * report one serial), else its USB port.
	 */
	public static BoardSelector of(Board board, List<Board> attached) {
		return of(List.of(board), attached);
	}

	/** Selects these boards, each by its serial when every one of them has a serial of its own, else each by its port. */
	public static BoardSelector of(List<Board> boards, List<Board> attached) {
		boolean unique = boards.stream().allMatch(board -> {
			String serial = board.device().serial();
			return !serial.isEmpty() && attached.stream()
					.noneMatch(other -> !other.id().equals(board.id()) && other.device().serial().equals(serial));
		});
		Kind kind = unique ? Kind.SERIAL : Kind.PORT;
		return new BoardSelector(kind, boards.stream().map(board -> as(kind, board).value()).collect(Collectors.joining(", "))); //$NON-NLS-1$
	}

	/** Selects this board by the given kind of value: its serial, its port path, or its run-time VID:PID. */
	public static BoardSelector as(Kind kind, Board board) {
		return new BoardSelector(kind, switch (kind) {
		case SERIAL -> board.device().serial();
		case PORT -> board.device().location().portPath();
		case USB_ID, EVERY_WITH_ID -> board.runtimeId().orElse(board.device().id()).toString();
		});
	}

	/** The values, one per board ({@link Kind#EVERY_WITH_ID} has one, the ID). */
	public List<String> values() {
		if (value.isEmpty()) {
			return List.of();
		}
		return Arrays.stream(value.split(SEPARATOR, -1)).map(String::strip).toList();
	}

	/** One selector per value: the boards one by one. */
	public List<BoardSelector> each() {
		return kind == Kind.EVERY_WITH_ID ? List.of(this) : values().stream().map(one -> new BoardSelector(kind, one)).toList();
	}

	/** Whether this may select more than one board: several values, or every board with an ID. */
	public boolean many() {
		return kind == Kind.EVERY_WITH_ID || values().size() > 1;
	}

	/** Why the value cannot select a board, or empty when it can. */
	public Optional<String> problem() {
		if (value.isEmpty()) {
			return Optional.of(Messages.BoardSelector_empty);
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			return Optional.of(Messages.BoardSelector_control);
		}
		if (kind == Kind.EVERY_WITH_ID && values().size() > 1) {
			return Optional.of(NLS.bind(Messages.BoardSelector_oneId, value));
		}
		List<String> seen = new ArrayList<>();
		for (String one : values()) {
			if (one.isEmpty()) {
				return Optional.of(NLS.bind(Messages.BoardSelector_emptyValue, value));
			}
			if (seen.contains(one)) {
				return Optional.of(NLS.bind(Messages.BoardSelector_twice, one));
			}
			seen.add(one);
			if ((kind == Kind.USB_ID || kind == Kind.EVERY_WITH_ID) && parseId(one).isEmpty()) {
				return Optional.of(NLS.bind(Messages.BoardSelector_badId, one));
			}
			if (kind == Kind.PORT && !one.matches("\\d+-\\d+(\\.\\d+)*")) { //$NON-NLS-1$
				return Optional.of(NLS.bind(Messages.BoardSelector_badPort, one));
			}
		}
		return Optional.empty();
	}

	/** Whether the board is one of those this selects. */
	public boolean matches(Board board) {
		return values().stream().anyMatch(one -> matches(kind, one, board));
	}

	private static boolean matches(Kind kind, String value, Board board) {
		return switch (kind) {
		// The serial of either mode: the run-time and DFU-mode serials may differ (Zephyr, ST's bootloaders).
		case SERIAL -> board.device().serial().equals(value) || board.runtimeDevice().map(DfuDeviceRecord::serial).equals(Optional.of(value))
				|| board.dfuModeDevice().map(DfuDeviceRecord::serial).equals(Optional.of(value));
		case PORT -> board.device().location().portPath().equals(value);
		case USB_ID, EVERY_WITH_ID -> parseId(value).filter(id -> id.equals(board.device().id())
				|| board.runtimeId().equals(Optional.of(id)) || board.dfuId().equals(Optional.of(id))).isPresent();
		};
	}

	/** The one attached board this selects; an error that says why when there is none or several. */
	@Override
	public Board select(List<Board> attached) throws OperationException {
		if (many()) {
			throw new OperationException(NLS.bind(Messages.BoardSelector_notOne, this));
		}
		List<Board> matching = attached.stream().filter(this::matches).toList();
		if (matching.size() == 1) {
			return matching.get(0);
		}
		if (matching.isEmpty()) {
			throw new OperationException(NLS.bind(Messages.BoardSelector_none, this));
		}
		String ports = matching.stream().map(board -> board.device().location().portPath()).collect(Collectors.joining(", ")); //$NON-NLS-1$
		throw new OperationException(NLS.bind(kind == Kind.PORT ? Messages.BoardSelector_severalOnPort : Messages.BoardSelector_several,
				new Object[] { Integer.valueOf(matching.size()), this, ports }));
	}

	/**
	 * The attached boards this selects, in the order of the values (by port for every board with an ID): each value
	 * must select one board, and every board with an ID at least one. An error that says which value does not.
	 */
	public List<Board> selectAll(List<Board> attached) throws OperationException {
		if (kind == Kind.EVERY_WITH_ID) {
			List<Board> matching = attached.stream().filter(this::matches)
					.sorted((a, b) -> a.device().location().portPath().compareTo(b.device().location().portPath())).toList();
			if (matching.isEmpty()) {
				throw new OperationException(NLS.bind(Messages.BoardSelector_none, this));
			}
			return matching;
		}
		List<Board> boards = new ArrayList<>();
		for (BoardSelector one : each()) {
			Board board = one.select(attached);
			if (boards.contains(board)) {
				throw new OperationException(NLS.bind(Messages.BoardSelector_sameBoard, one, boards.get(boards.indexOf(board))
						.device().location().portPath()));
			}
			boards.add(board);
		}
		return boards;
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
		case SERIAL -> NLS.bind(many() ? Messages.BoardSelector_bySerials : Messages.BoardSelector_bySerial, value);
		case PORT -> NLS.bind(many() ? Messages.BoardSelector_byPorts : Messages.BoardSelector_byPort, value);
		case USB_ID -> NLS.bind(many() ? Messages.BoardSelector_byIds : Messages.BoardSelector_byId, value);
		case EVERY_WITH_ID -> NLS.bind(Messages.BoardSelector_everyWithId, value);
		};
	}
}
