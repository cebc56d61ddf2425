package org.dfutools.eclipse.core.dfu;

/** Reboot to DFU failed; the message says what happened and what to change. */
public class DetachException extends Exception {

	private static final long serialVersionUID = 1L;

	public enum Reason {
		NOT_RUNTIME, ACCESS_DENIED, WINDOWS_CANNOT_RESET, DETACH_STALLED, VANISHED_BEFORE_DETACH, USB_ERROR,
		DID_NOT_LEAVE, DID_NOT_RETURN, RETURNED_IN_RUNTIME, CANCELLED
	}

	private final Reason reason;

	public DetachException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public DetachException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
