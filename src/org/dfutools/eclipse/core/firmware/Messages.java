package org.dfutools.eclipse.core.firmware;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String Firmware_unreadable;
	public static String Firmware_badCrc;
	public static String Firmware_shortSuffix;
	public static String Firmware_badSuffixLength;
	public static String Firmware_empty;
	public static String Firmware_copyFailed;
	public static String Firmware_idMismatch;
	public static String Firmware_noReader;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
