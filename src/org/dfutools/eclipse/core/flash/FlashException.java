package org.dfutools.eclipse.core.flash;

/**
 * The flash chain stopped: a message for a person that says what failed, and where the board was left,
 * as the console and the error dialog show it.
 */
public class FlashException extends Exception {

	private static final long serialVersionUID = 1L;

	private final boolean cancelled;

	public FlashException(String message) {
		this(message, null, false);
	}

	public FlashException(String message, Throwable cause) {
		this(message, cause, false);
	}

	private FlashException(String message, Throwable cause, boolean cancelled) {
		super(message, cause);
		this.cancelled = cancelled;
	}

	/** The user stopped the chain; not a failure to report in a dialog. */
	public static FlashException cancelled(String message) {
		return new FlashException(message, null, true);
	}

	public boolean isCancelled() {
		return cancelled;
	}
}
