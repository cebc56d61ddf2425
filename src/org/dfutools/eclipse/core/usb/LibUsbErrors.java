package org.dfutools.eclipse.core.usb;

import org.eclipse.osgi.util.NLS;
import org.usb4java.LibUsb;

/** Turns libusb's error codes into words a firmware developer understands. */
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
}
