package org.dfutools.eclipse.core.usb;

/** A USB operation failed; the message is written for a person, the code is libusb's. */
public class UsbException extends Exception {

	private static final long serialVersionUID = 1L;

	private final int libUsbError;

	public UsbException(String message, int libUsbError) {
		super(message);
		this.libUsbError = libUsbError;
	}

	public UsbException(String message, Throwable cause) {
		super(message, cause);
		this.libUsbError = 0;
	}

	/** The libusb error code (negative), or 0 when the failure did not come from libusb. */
	public int libUsbError() {
		return libUsbError;
	}
}
