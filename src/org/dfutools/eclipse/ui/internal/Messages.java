package org.dfutools.eclipse.ui.internal;

import org.eclipse.osgi.util.NLS;

public final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String DfuDevicesView_title;
	public static String DfuDevicesView_searching;
	public static String DfuDevicesView_noDevice;
	public static String DfuDevicesView_noDeviceHint;
	public static String DfuDevicesView_devicesFound;
	public static String DfuDevicesView_devicesFoundHint;
	public static String DfuDevicesView_usbFailed;
	public static String DfuDevicesView_usbFailedHint;
	public static String UsbProbeJob_name;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
