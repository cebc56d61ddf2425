package org.dfutools.eclipse.core.operation;

/**
 * An operation on a board stopped: a message for a person that says what failed and, once the board was touched,
 * where it was left, as the console and the error dialog show it; {@link #place()} says the same for a program.
 */
public class OperationException extends Exception {

	private static final long serialVersionUID = 1L;

	private final boolean cancelled;
	private final BoardPlace place;

	/** A failure before the board was touched (or of values that never reach a board). */
	public OperationException(String message) {
		this(message, null, false, BoardPlace.UNTOUCHED);
	}

	public OperationException(String message, Throwable cause) {
		this(message, cause, false, cause instanceof OperationException failure ? failure.place : BoardPlace.UNTOUCHED);
	}

	OperationException(String message, Throwable cause, boolean cancelled, BoardPlace place) {
		super(message, cause);
		this.cancelled = cancelled;
		this.place = place;
	}

	/** The user stopped the operation before it touched the board; not a failure to report in a dialog. */
	public static OperationException cancelled(String message) {
		return new OperationException(message, null, true, BoardPlace.UNTOUCHED);
	}

	public boolean isCancelled() {
		return cancelled;
	}

	/** Where the board was left. */
	public BoardPlace place() {
		return place;
	}

	/** The same failure, the board being at {@code where}: for a failure made before it was known. */
	OperationException at(BoardPlace where) {
		return new OperationException(getMessage(), this, cancelled, where);
	}

	/** The message ended with a full stop, unless it ends with a mark of its own: messages are joined as sentences. */
	public static String sentence(String message) {
		String sentence = message.strip();
		boolean ended = sentence.endsWith(".") || sentence.endsWith("!") || sentence.endsWith("?"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return ended ? sentence : sentence + '.';
	}
}
