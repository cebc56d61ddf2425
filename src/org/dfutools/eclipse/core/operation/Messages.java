package org.dfutools.eclipse.core.operation;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String AltChoice_noSuchAlt;
	public static String BoardOperation_board;
	public static String BoardOperation_busy;
	public static String BoardOperation_stepCheck;
	public static String BoardOperation_stepDetach;
	public static String BoardOperation_cancelledBeforeBoard;
	public static String BoardChoice_gone;
	public static String BoardSelector_empty;
	public static String BoardSelector_control;
	public static String BoardSelector_oneId;
	public static String BoardSelector_emptyValue;
	public static String BoardSelector_twice;
	public static String BoardSelector_badId;
	public static String BoardSelector_badPort;
	public static String BoardSelector_notOne;
	public static String BoardSelector_none;
	public static String BoardSelector_severalOnPort;
	public static String BoardSelector_several;
	public static String BoardSelector_sameBoard;
	public static String BoardSelector_bySerials;
	public static String BoardSelector_bySerial;
	public static String BoardSelector_byPorts;
	public static String BoardSelector_byPort;
	public static String BoardSelector_byIds;
	public static String BoardSelector_byId;
	public static String BoardSelector_everyWithId;
	public static String DfuUtilStep_found;
	public static String DfuUtilStep_judgingByTheBoard;
	public static String DfuUtilStep_resetStatus;
	public static String DfuUtilStep_statusWaitingForTurn;
	public static String DfuUtilStep_waitingForTurn;
	public static String DfuUtilStep_statusErasing;
	public static String ModeSwitch_rebooting;
	public static String ModeSwitch_noFunctional;
	public static String ModeSwitch_inDfuMode;
	public static String ModeSwitch_inDfuModeAfterTouch;
	public static String ModeSwitch_touch;
	public static String ModeSwitch_applicationBack;
	public static String SettingValues_noAlt;
	public static String SettingValues_badAlt;
	public static String SettingValues_badAddress;
	public static String UsbListing_noUsb;
	public static String UsbListing_starting;
	public static String WhereTheBoardIs_dfuMode;
	public static String WhereTheBoardIs_runtime;
	public static String WhereTheBoardIs_offBus;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
