package org.dfutools.eclipse.core;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String DfuDeviceService_starting;
	public static String DfuDeviceService_closed;
	public static String DfuDeviceService_notStarted;
	public static String DfuDeviceService_closeDeferred;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
