package org.dfutools.cli;

import java.util.Locale;

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
