package org.dfutools.eclipse.core.usb;

import org.usb4java.LibUsb;

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

	/** The user may not open the device (Linux: no udev rule). */
	public boolean accessDenied() {
		return libUsbError == LibUsb.ERROR_ACCESS;
	}

	/** The device refused the request with a STALL. */
	public boolean stalled() {
		return libUsbError == LibUsb.ERROR_PIPE;
	}

	/** The device is no longer on the bus. */
	public boolean deviceGone() {
		return libUsbError == LibUsb.ERROR_NO_DEVICE;
	}

	/** The driver or platform cannot do it (Windows: the device is not bound to WinUSB). */
	public boolean notSupported() {
		return libUsbError == LibUsb.ERROR_NOT_SUPPORTED;
	}

	/** The libusb error code (negative), or 0 when the failure did not come from libusb. */
	public int libUsbError() {
		return libUsbError;
	}
}
