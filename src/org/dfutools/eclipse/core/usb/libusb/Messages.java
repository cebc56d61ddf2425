package org.dfutools.eclipse.core.usb.libusb;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String LibUsb_accessDenied;
	public static String LibUsb_busy;
	public static String LibUsb_interrupted;
	public static String LibUsb_invalidParameter;
	public static String LibUsb_io;
	public static String LibUsb_noDevice;
	public static String LibUsb_noMemory;
	public static String LibUsb_notFound;
	public static String LibUsb_notSupported;
	public static String LibUsb_other;
	public static String LibUsb_overflow;
	public static String LibUsb_pipe;
	public static String LibUsb_timeout;
	public static String LibUsb_unknown;
	public static String LibUsb_noUsbFileSystem;
	public static String LibUsb_initFailed;
	public static String LibUsb_listFailed;
	public static String LibUsb_nativeLibraryMissing;
	public static String LibUsb_hotplugRegisterFailed;
	public static String LibUsb_eventLoopFailed;
	public static String LibUsb_closed;

	public static String LibUsb_closeTimedOut;
	public static String Connection_openFailed;
	public static String Connection_accessDenied;
	public static String Connection_vanished;
	public static String Connection_claimFailed;
	public static String Connection_altFailed;
	public static String Connection_transferFailed;
	public static String Connection_resetFailed;
	public static String DeviceReader_noFunctional;
	public static String DeviceReader_accessDenied;
	public static String DeviceReader_openFailed;
	public static String DeviceReader_configUnreadable;
	public static String DeviceReader_stringFailed;
	public static String DeviceReader_manufacturer;
	public static String DeviceReader_product;
	public static String DeviceReader_serial;
	public static String DeviceReader_altName;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
