package org.dfutools.eclipse.core.usb.libusb;

import org.dfutools.eclipse.core.usb.UsbException;
import org.eclipse.osgi.util.NLS;
import org.usb4java.LibUsb;

/** Turns libusb's error codes into words a firmware developer understands, and into the port's kinds. */
public final class LibUsbErrors {

	private LibUsbErrors() {
	}

	public static String describe(int code) {
		return switch (code) {
		case LibUsb.ERROR_IO -> Messages.LibUsb_io;
		case LibUsb.ERROR_INVALID_PARAM -> Messages.LibUsb_invalidParameter;
		case LibUsb.ERROR_ACCESS -> Messages.LibUsb_accessDenied;
		case LibUsb.ERROR_NO_DEVICE -> Messages.LibUsb_noDevice;
		case LibUsb.ERROR_NOT_FOUND -> Messages.LibUsb_notFound;
		case LibUsb.ERROR_BUSY -> Messages.LibUsb_busy;
		case LibUsb.ERROR_TIMEOUT -> Messages.LibUsb_timeout;
		case LibUsb.ERROR_OVERFLOW -> Messages.LibUsb_overflow;
		case LibUsb.ERROR_PIPE -> Messages.LibUsb_pipe;
		case LibUsb.ERROR_INTERRUPTED -> Messages.LibUsb_interrupted;
		case LibUsb.ERROR_NO_MEM -> Messages.LibUsb_noMemory;
		case LibUsb.ERROR_NOT_SUPPORTED -> Messages.LibUsb_notSupported;
		case LibUsb.ERROR_OTHER -> Messages.LibUsb_other;
		default -> NLS.bind(Messages.LibUsb_unknown, Integer.valueOf(code));
		};
	}

	/** The port's kind of a libusb error code. */
	public static UsbException.Kind kindOf(int code) {
		return switch (code) {
		case LibUsb.ERROR_ACCESS -> UsbException.Kind.ACCESS_DENIED;
		case LibUsb.ERROR_PIPE -> UsbException.Kind.STALL;
		case LibUsb.ERROR_NO_DEVICE -> UsbException.Kind.NO_DEVICE;
		case LibUsb.ERROR_NOT_SUPPORTED -> UsbException.Kind.NOT_SUPPORTED;
		case LibUsb.ERROR_TIMEOUT -> UsbException.Kind.TIMEOUT;
		default -> UsbException.Kind.OTHER;
		};
	}

	/** An exception whose message is {@code message} with the error's description bound to {0}. */
	static UsbException exception(String message, int code) {
		return new UsbException(kindOf(code), NLS.bind(message, describe(code)));
	}
}
