package org.dfutools.cli;

import java.util.List;
import java.util.Locale;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.OperationException;

import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.BoardSelector.Kind;

/**
 * A board as a person names it on the command line, as in the launch tab: a serial number, a USB port path (1-2,
 * 3-1.4), a VID:PID, several of one kind separated by commas, or {@code every:VID:PID} for every board with that ID.
 * The kind is told by the value's shape; {@code serial:}, {@code port:}, {@code id:} force it.
 */
public final class BoardNames {

	private BoardNames() {
	}

	/** The boards a name means; a name that cannot name a board is refused as bad usage, as the launch tab refuses it. */
	public static BoardSelector named(String name) throws UsageException {
		BoardSelector selector = parse(name);
		if (selector.problem().isPresent()) {
			throw new UsageException(selector.problem().get());
		}
		return selector;
	}

	/** The boards a name selects among the attached ones: one, or several for a list or every:VID:PID. */
	public static List<Board> select(BoardSelector selector, List<Board> attached) throws OperationException {
		try {
			return selector.many() ? selector.selectAll(attached) : List.of(selector.select(attached));
		} catch (OperationException e) {
			throw e.stoppedAt(OperationException.StoppedAt.BOARD_CHOICE);
		}
	}

	public static BoardSelector parse(String text) {
		String value = text.strip();
		for (Kind kind : Kind.values()) {
			String prefix = prefix(kind);
			if (value.toLowerCase(Locale.ROOT).startsWith(prefix)) {
				return new BoardSelector(kind, value.substring(prefix.length()));
			}
		}
		String first = value.split(",", -1)[0].strip(); //$NON-NLS-1$
		if (first.matches("\\d+-\\d+(\\.\\d+)*")) { //$NON-NLS-1$
			return new BoardSelector(Kind.PORT, value);
		}
		if (BoardSelector.parseId(first).isPresent()) {
			return new BoardSelector(Kind.USB_ID, value);
		}
		return new BoardSelector(Kind.SERIAL, value);
	}

	private static String prefix(Kind kind) {
		return switch (kind) {
		case SERIAL -> "serial:"; //$NON-NLS-1$
		case PORT -> "port:"; //$NON-NLS-1$
		case USB_ID -> "id:"; //$NON-NLS-1$
		case EVERY_WITH_ID -> "every:"; //$NON-NLS-1$
		};
	}
}
