package org.dfutools.eclipse.core.launch;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String DfuFlashLaunch_invalid;
	public static String DfuFlashLaunch_label;
	public static String DfuSaveLaunch_invalid;
	public static String DfuSaveLaunch_label;
	public static String ParallelLaunch_label;
	public static String ParallelLaunch_boardLabel;
	public static String ParallelLaunch_cancelled;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
