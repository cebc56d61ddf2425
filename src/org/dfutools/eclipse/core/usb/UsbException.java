package org.dfutools.eclipse.core.usb;

/**
 * A USB operation failed. The message is written for a person; the kind is what the DFU logic decides by,
 * the same whichever library carried the request.
 */
public class UsbException extends Exception {

	private static final long serialVersionUID = 1L;

	/** What went wrong, as far as the DFU logic cares. */
	public enum Kind {
		/** The user may not open the device (Linux: no udev rule). */
		ACCESS_DENIED,
		/** The device refused the request with a STALL. */
		STALL,
		/** The device is no longer on the bus. */
		NO_DEVICE,
		/** The driver or platform cannot do it (Windows: the device is not bound to WinUSB). */
		NOT_SUPPORTED,
		/** The device did not answer in time. */
		TIMEOUT,
		/** USB access is closed, or was never opened. */
		CLOSED,
		/** Anything else: the message says what. */
		OTHER
	}

	private final Kind kind;

	public UsbException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public UsbException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}
}
