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
	public static String ViewRefresher_jobName;
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
	public static String RebootToDfuJob_activity;
	public static String RebootToDfuJob_done;


	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
