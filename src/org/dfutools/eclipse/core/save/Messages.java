package org.dfutools.eclipse.core.save;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String BoardReading_short;
	public static String BoardReading_nothingSent;
	public static String BoardReading_noWorkFolder;
	public static String BoardReading_readIo;
	public static String BoardReading_readProtected;
	public static String BoardReading_refused;
	public static String SaveSettings_fileControl;
	public static String SaveChecks_cannotUpload;
	public static String SaveChecks_noAddressOnPlainDfu;
	public static String SaveChecks_tooLarge;
	public static String SaveChecks_severalRegions;
	public static String SaveChecks_noLayout;
	public static String SaveChecks_longerThanRegion;
	public static String SaveChecks_outsideLayout;
	public static String SaveOperation_statusReading;
	public static String SaveOperation_task;
	public static String SaveOperation_checking;
	public static String SaveOperation_activity;
	public static String SaveOperation_statusStarting;
	public static String SaveOperation_statusDetaching;
	public static String SaveOperation_statusReturning;
	public static String SaveOperation_cancelled;
	public static String SaveOperation_returning;
	public static String SaveOperation_returned;
	public static String SaveOperation_saved;
	public static String SaveOperation_plainRange;
	public static String SaveOperation_savedNotBack;
	public static String SaveReport_title;
	public static String SaveReport_read;
	public static String SaveReport_file;
	public static String SaveReport_flashBackWithAddress;
	public static String SaveReport_flashBack;
	public static String SaveReport_total;
	public static String SaveReport_before;
	public static String SaveReport_after;
	public static String SaveReport_leftInDfu;
	public static String SaveReport_status;
	public static String SaveSettings_badLength;
	public static String SaveSettings_lengthNeeded;
	public static String SaveSettings_pastAddressSpace;
	public static String SaveSettings_noFile;
	public static String SaveSettings_notAbsolute;
	public static String SaveSettings_badFormat;
	public static String SaveSettings_isFolder;
	public static String SaveSettings_noFolder;
	public static String SaveSettings_folderNotWritable;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
