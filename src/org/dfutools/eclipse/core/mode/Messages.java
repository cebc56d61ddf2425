package org.dfutools.eclipse.core.mode;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String ModeReport_title;
	public static String ModeReport_switched;
	public static String ModeReport_total;
	public static String ModeReport_before;
	public static String ModeReport_after;
	public static String RebootToDfuOperation_task;
	public static String RebootToDfuOperation_checking;
	public static String RebootToDfuOperation_activity;
	public static String RebootToDfuOperation_status;
	public static String RebootToDfuOperation_cancelled;
	public static String RebootToDfuOperation_returning;
	public static String RebootToDfuOperation_returned;
	public static String RebootToDfuOperation_inDfuMode;
	public static String StartApplicationOperation_task;
	public static String StartApplicationOperation_checking;
	public static String StartApplicationOperation_activity;
	public static String StartApplicationOperation_status;
	public static String StartApplicationOperation_cancelled;
	public static String StartApplicationOperation_notInDfuMode;
	public static String StartApplicationOperation_step;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
