package org.dfutools.eclipse.core.dfu;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String RebootToDfu_task;
	public static String RebootToDfu_detaching;
	public static String RebootToDfu_waiting;
	public static String RebootToDfu_notRuntime;
	public static String RebootToDfu_windows;
	public static String RebootToDfu_winUsb;
	public static String RebootToDfu_failed;
	public static String RebootToDfu_didNotLeave;
	public static String RebootToDfu_didNotReturn;
	public static String RebootToDfu_backInRuntime;
	public static String RebootToDfu_cancelled;
	public static String StartApplication_task;
	public static String StartApplication_leaving;
	public static String StartApplication_waiting;
	public static String StartApplication_notInDfu;
	public static String StartApplication_stayed;
	public static String StartApplication_noFirmware;
	public static String StartApplication_didNotReturn;
	public static String StartApplication_failed;
	public static String StartApplication_cancelled;
	public static String Detach_statusFailed;
	public static String Detach_stalled;
	public static String Detach_sendFailed;
	public static String Detach_resetFailed;
	public static String Detach_vanished;
	public static String Leave_vanished;
	public static String Leave_sendFailed;
	public static String Leave_resetFailed;

	public static String RebootToDfu_touching;
	public static String RebootToDfu_detachBound;
	public static String RebootToDfu_touchBound;
	public static String RebootToDfu_touchIgnored;
	public static String TouchReboot_noPort;
	public static String TouchReboot_failed;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
