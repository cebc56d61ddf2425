package org.dfutools.eclipse.core.process;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String DfuUtil_missing;
	public static String DfuUtil_notExecutable;
	public static String DfuUtil_notOnPath;
	public static String DfuUtil_cannotStart;
	public static String DfuUtil_noAnswer;
	public static String DfuUtil_unknownOutput;
	public static String DfuUtil_tooOld;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
