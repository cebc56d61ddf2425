package org.dfutools.eclipse.core.flash;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String BoardSelector_empty;
	public static String BoardSelector_badId;
	public static String BoardSelector_badPort;
	public static String BoardSelector_control;
	public static String BoardSelector_none;
	public static String BoardSelector_several;
	public static String BoardSelector_severalOnPort;
	public static String BoardSelector_bySerial;
	public static String BoardSelector_byPort;
	public static String BoardSelector_byId;
	public static String FlashSettings_badAddress;
	public static String FlashSettings_badTransferSize;
	public static String FlashSettings_badTimeout;
	public static String FlashSettings_noFirmware;
	public static String FlashSettings_firmwareControl;
	public static String FlashSettings_firmwareMissing;
	public static String FlashSettings_firmwareRelative;
	public static String FlashSettings_firmwareUnreadable;
	public static String FlashSettings_notFirmware;
	public static String FlashSettings_noAlt;
	public static String FlashSettings_badAlt;
	public static String FlashReport_title;
	public static String FlashReport_step;
	public static String FlashReport_total;
	public static String FlashReport_bytes;
	public static String FlashReport_bytesVerified;
	public static String FlashReport_before;
	public static String FlashReport_after;
	public static String FlashReport_notWaited;
	public static String FlashChain_task;
	public static String FlashChain_checking;
	public static String FlashChain_board;
	public static String FlashChain_firmware;
	public static String FlashChain_activity;
	public static String FlashChain_statusStarting;
	public static String FlashChain_statusDetaching;
	public static String FlashChain_statusDownloading;
	public static String FlashChain_statusVerifying;
	public static String FlashChain_statusErasing;
	public static String FlashChain_statusReturning;
	public static String FlashChain_busy;
	public static String FlashChain_stepCheck;
	public static String FlashChain_stepDetach;
	public static String FlashChain_stepDownload;
	public static String FlashChain_stepVerify;
	public static String FlashChain_stepReturn;
	public static String FlashChain_stepLeave;
	public static String FlashChain_dfuUtil;
	public static String FlashChain_cancelled;
	public static String FlashChain_cancelledBeforeBoard;
	public static String FlashChain_noUsb;
	public static String FlashChain_usbStarting;
	public static String FlashChain_rebooting;
	public static String FlashChain_inDfuMode;
	public static String FlashChain_resetStatus;
	public static String FlashChain_judgingByTheBoard;
	public static String FlashChain_judgedByTheBoard;
	public static String FlashChain_leftButNotBack;
	public static String FlashChain_noErrorLine;
	public static String FlashChain_segments;
	public static String FlashChain_asDfuSeFile;
	public static String FlashChain_asPlainImage;
	public static String FlashChain_leftNot;
	public static String FlashChain_judgedByDeparture;
	public static String FlashChain_backIntoDfuToVerify;
	public static String FlashChain_verifyFailed;
	public static String FlashChain_verified;
	public static String FlashChain_verifySegmentFailed;
	public static String FlashChain_verifiedSegments;
	public static String FlashChain_verifyIo;
	public static String FlashChain_noFunctional;
	public static String FlashChain_writingCopy;
	public static String FlashChain_noWorkFolder;
	public static String FlashChain_waitingForApplication;
	public static String FlashChain_applicationNotBack;
	public static String FlashChain_applicationBack;
	public static String FlashChain_cancelledWaiting;
	public static String FlashChecks_addressNotDfuSe;
	public static String FlashChecks_containerNotDfuSe;
	public static String FlashChecks_noSuchAlt;
	public static String FlashChecks_dfuSeNeedsAddress;
	public static String FlashChecks_cannotUpload;
	public static String FlashChecks_cannotVerifyContainer;
	public static String FlashChecks_addressNotLowest;
	public static String FlashChecks_segmentInOtherAlt;
	public static String FlashChecks_segmentOutsideLayout;
	public static String FlashChain_leftInDfu;
	public static String FlashChain_returningUnwritten;
	public static String FlashChain_returnedUnwritten;
	public static String FlashChain_leftInRuntime;
	public static String FlashChain_leftOffBus;
	public static String FlashChain_serial;
	public static String FlashChain_describe;
	public static String FlashChain_modeDfu;
	public static String FlashChain_modeRuntime;
	public static String FlashSettings_firmwareEmpty;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
