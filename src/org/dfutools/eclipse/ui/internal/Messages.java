package org.dfutools.eclipse.ui.internal;

import org.eclipse.osgi.util.NLS;

public final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String DfuDevicesView_title;
	public static String DfuDevicesView_searching;
	public static String DfuDevicesView_noDevice;
	public static String DfuDevicesView_noDeviceHint;
	public static String DfuDevicesView_usbFailed;
	public static String DfuDevicesView_usbFailedHint;
	public static String DfuDevicesView_filterMessage;
	public static String BoardColumn_name;
	public static String BoardColumn_id;
	public static String BoardColumn_mode;
	public static String BoardColumn_serial;
	public static String BoardColumn_port;
	public static String BoardColumn_version;
	public static String BoardColumn_detachTimeout;
	public static String BoardColumn_transferSize;
	public static String BoardColumn_attributes;
	public static String BoardColumn_milliseconds;
	public static String BoardColumn_bytes;
	public static String BoardColumn_unknown;
	public static String BoardColumn_reenumerating;
	public static String BoardProperties_device;
	public static String BoardProperties_interface;
	public static String BoardProperties_functional;
	public static String BoardProperties_problems;
	public static String BoardProperties_name;
	public static String BoardProperties_manufacturer;
	public static String BoardProperties_product;
	public static String BoardProperties_serial;
	public static String BoardProperties_id;
	public static String BoardProperties_runtimeId;
	public static String BoardProperties_dfuId;
	public static String BoardProperties_bcdDevice;
	public static String BoardProperties_mode;
	public static String BoardProperties_reenumerating;
	public static String BoardProperties_bus;
	public static String BoardProperties_port;
	public static String BoardProperties_address;
	public static String BoardProperties_protocol;
	public static String BoardProperties_alt;
	public static String BoardProperties_unnamed;
	public static String BoardProperties_protocolRuntime;
	public static String BoardProperties_protocolDfu;
	public static String BoardProperties_attributes;
	public static String BoardProperties_willDetach;
	public static String BoardProperties_canDownload;
	public static String BoardProperties_canUpload;
	public static String BoardProperties_manifestationTolerant;
	public static String BoardProperties_detachTimeout;
	public static String BoardProperties_transferSize;
	public static String BoardProperties_version;
	public static String BoardProperties_length;
	public static String BoardProperties_none;
	public static String BoardProperties_problem;
	public static String BoardProperties_udevRule;
	public static String BoardProperties_dfuUtil;
	public static String BoardProperties_yes;
	public static String BoardProperties_no;
	public static String CopyHandler_copied;
	public static String RebootToDfuJob_name;
	public static String RebootToDfuJob_done;
	public static String BoardSelection_title;
	public static String BoardSelection_message;
	public static String BoardSelection_none;
	public static String BoardSelection_starting;
	public static String FlashTab_name;
	public static String FlashTab_board;
	public static String FlashTab_identifyBy;
	public static String FlashTab_bySerial;
	public static String FlashTab_byPort;
	public static String FlashTab_byId;
	public static String FlashTab_select;
	public static String FlashTab_notAttached;
	public static String FlashTab_attached;
	public static String FlashTab_severalAttached;
	public static String FlashTab_firmware;
	public static String FlashTab_holds;
	public static String FlashTab_holdsForBoard;
	public static String FlashTab_workspace;
	public static String FlashTab_fileSystem;
	public static String FlashTab_variables;
	public static String FlashTab_workspaceTitle;
	public static String FlashTab_workspaceMessage;
	public static String FlashTab_options;
	public static String FlashTab_alt;
	public static String FlashTab_dfuseAddress;
	public static String FlashTab_dfuseAddressHint;
	public static String FlashTab_transferSize;
	public static String FlashTab_transferSizeHint;
	public static String FlashTab_extraArguments;
	public static String FlashTab_extraArgumentsHint;
	public static String FlashTab_after;
	public static String FlashTab_wait;
	public static String FlashTab_seconds;
	public static String FlashTab_verify;
	public static String FlashShortcut_title;
	public static String FlashShortcut_waitingForUsb;
	public static String Preferences_description;
	public static String Preferences_dfuUtil;
	public static String Preferences_checking;
	public static String Preferences_checkJob;
	public static String Preferences_version;
	public static String Preferences_allowance;
	public static String Preferences_dfuUtilLimit;
	public static String Preferences_applicationTimeout;
	public static String StartApplicationJob_name;
	public static String StartApplicationJob_done;


	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
