package org.dfutools.eclipse.core.device;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String DeviceMode_runtime;
	public static String DeviceMode_dfu;
	public static String DeviceMode_dfuse;
	public static String Board_serial;
	public static String Board_describe;
	public static String Board_modeDfu;
	public static String Board_modeRuntime;
	public static String TouchBoards_notAnId;
	public static String DfuDeviceRecord_runtimeByTouch;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
