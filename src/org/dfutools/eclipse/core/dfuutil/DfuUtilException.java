package org.dfutools.eclipse.core.dfuutil;

/**
 * dfu-util cannot be used or did not finish: missing, not executable, too old, not answering, stopped at
 * its time limit or cancelled; or its arguments are wrong. Said for a person.
 */
public class DfuUtilException extends Exception {

	private static final long serialVersionUID = 1L;

	private final boolean cancelled;

	public DfuUtilException(String message) {
		this(message, null, false);
	}

	public DfuUtilException(String message, Throwable cause) {
		this(message, cause, false);
	}

	private DfuUtilException(String message, Throwable cause, boolean cancelled) {
		super(message, cause);
		this.cancelled = cancelled;
	}

	/** dfu-util was stopped because the user cancelled. */
	public static DfuUtilException cancelled(String message) {
		return new DfuUtilException(message, null, true);
	}

	public boolean isCancelled() {
		return cancelled;
	}
}
