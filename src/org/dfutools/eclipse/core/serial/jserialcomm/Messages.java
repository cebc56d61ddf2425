package org.dfutools.eclipse.core.serial.jserialcomm;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String JSerialCommPorts_noLibrary;
	public static String JSerialCommPorts_notListed;
	public static String JSerialCommChannel_readFailed;
	public static String JSerialCommChannel_writeFailed;
	public static String JSerialCommChannel_baudFailed;
	public static String OpenFailure_cannotOpen;
	public static String OpenFailure_permission;
	public static String OpenFailure_busy;
	public static String OpenFailure_gone;
	public static String OpenFailure_other;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
