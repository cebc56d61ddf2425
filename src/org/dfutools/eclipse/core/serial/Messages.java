package org.dfutools.eclipse.core.serial;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String LineEnding_none;
	public static String LineEnding_lf;
	public static String LineEnding_cr;
	public static String LineEnding_crlf;
	public static String SerialMonitor_opened;
	public static String SerialMonitor_reopened;
	public static String SerialMonitor_reopenedElsewhere;
	public static String SerialMonitor_disconnected;
	public static String SerialMonitor_baudSet;
	public static String SerialMonitor_notOpen;
	public static String SerialMonitor_stateAside;
	public static String SerialMonitor_stateWaiting;
	public static String SerialMonitor_stateClosed;
	public static String SerialMonitor_closedFor;
	public static String SerialMonitor_heldBy;
	public static String SerialMonitor_notAttached;
	public static String SerialMonitor_inDfuMode;
	public static String SerialMonitor_noPort;
	public static String SerialMonitor_cannotOpen;
	public static String SerialMonitor_lost;
	public static String SerialMonitor_leftBus;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
