package org.dfutools.eclipse.core.dfu;

/** Start Application failed; the message says what the board did and what to change. */
public class StartApplicationException extends Exception {

	private static final long serialVersionUID = 1L;

	public enum Reason {
		NOT_IN_DFU_MODE, ACCESS_DENIED, USB_ERROR, STAYED_IN_DFU_MODE, DID_NOT_RETURN, CANCELLED
	}

	private final Reason reason;

	public StartApplicationException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public StartApplicationException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
