package org.dfutools.eclipse.core.dfuutil;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String DfuUtil_missing;
	public static String DfuUtil_notExecutable;
	public static String DfuUtil_notOnPath;
	public static String DfuUtil_cannotStart;
	public static String DfuUtil_noAnswer;
	public static String DfuUtil_unknownOutput;
	public static String DfuUtil_chosen;
	public static String DfuUtil_bundled;
	public static String DfuUtil_onPath;
	public static String DfuUtil_tooOld;
	public static String ExtraArguments_control;
	public static String ExtraArguments_managed;
	public static String ExtraArguments_unclosedQuote;
	public static String DfuUtilRunner_cannotStart;
	public static String DfuUtilRunner_cancelled;
	public static String DfuUtilRunner_timedOut;
	public static String DfuUtilRunner_progress;
	public static String DfuUtilExit_usage;
	public static String DfuUtilExit_data;
	public static String DfuUtilExit_noInput;
	public static String DfuUtilExit_software;
	public static String DfuUtilExit_cannotCreate;
	public static String DfuUtilExit_io;
	public static String DfuUtilExit_protocol;
	public static String DfuUtilExit_boardError;
	public static String DfuUtilExit_other;
	public static String DfuUtilExit_failedSilently;
	public static String DfuUtilExit_failed;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
