package org.dfutools.eclipse.core.operation;

/**
 * An operation on a board stopped: a message for a person that says what failed and, once the board was touched,
 * where it was left, as the console and the error dialog show it; {@link #place()} says the same for a program.
 */
public class OperationException extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * The step an operation stopped at before it touched the board, for a program to tell a bad file from a board that
	 * is not there (the command line's exit statuses); {@link #BOARD} once it was touched.
	 */
	public enum StoppedAt {
		/** A file the operation reads, or a value it was given, is wrong. */
		INPUT,
		/** No attached board, or more than one, is the board the operation names. */
		BOARD_CHOICE,
		/** A check before the board is touched refused it, or a tool it needs is missing. */
		CHECKS,
		/** The board was touched: {@link OperationException#place()} says where it was left. */
		BOARD
	}

	private final boolean cancelled;
	private final BoardPlace place;
	private final StoppedAt stoppedAt;

	/** A failure before the board was touched (or of values that never reach a board). */
	public OperationException(String message) {
		this(message, null, false, BoardPlace.UNTOUCHED);
	}

	public OperationException(String message, Throwable cause) {
		this(message, cause, false, cause instanceof OperationException failure ? failure.place : BoardPlace.UNTOUCHED);
	}

	OperationException(String message, Throwable cause, boolean cancelled, BoardPlace place) {
		this(message, cause, cancelled, place, place == BoardPlace.UNTOUCHED ? StoppedAt.CHECKS : StoppedAt.BOARD);
	}

	private OperationException(String message, Throwable cause, boolean cancelled, BoardPlace place, StoppedAt stoppedAt) {
		super(message, cause);
		this.cancelled = cancelled;
		this.place = place;
		this.stoppedAt = stoppedAt;
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

	/** The step the operation stopped at. */
	public StoppedAt stoppedAt() {
		return stoppedAt;
	}

	/** The same failure of an untouched board, at {@code step}: for a failure made before its step was known. */
	public OperationException stoppedAt(StoppedAt step) {
		return place == BoardPlace.UNTOUCHED ? new OperationException(getMessage(), this, cancelled, place, step) : this;
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
