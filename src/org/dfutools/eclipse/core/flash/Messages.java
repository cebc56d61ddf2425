package org.dfutools.eclipse.core.flash;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String ApplicationReturn_waiting;
	public static String ApplicationReturn_leftButNotBack;
	public static String ApplicationReturn_notBack;
	public static String ApplicationReturn_back;
	public static String ApplicationReturn_judgedByTheBoard;
	public static String ApplicationReturn_leftNot;
	public static String ApplicationReturn_judgedByDeparture;
	public static String ApplicationReturn_cancelled;
	public static String ApplicationReturn_noErrorLine;
	public static String FlashChecks_addressNotDfuSe;
	public static String FlashChecks_containerNotDfuSe;
	public static String FlashChecks_dfuSeNeedsAddress;
	public static String FlashChecks_addressNotLowest;
	public static String FlashChecks_segmentOutsideLayout;
	public static String FlashChecks_segmentInOtherAlt;
	public static String FlashChecks_noTargetForAlt;
	public static String FlashChecks_elementOutsideLayout;
	public static String FlashChecks_largerThanMemory;
	public static String FlashChecks_imageOutsideLayout;
	public static String FlashChecks_cannotUpload;
	public static String FlashOperation_task;
	public static String FlashOperation_checking;
	public static String FlashOperation_activity;
	public static String FlashOperation_statusStarting;
	public static String FlashOperation_statusDetaching;
	public static String FlashOperation_statusReturning;
	public static String FlashOperation_cancelled;
	public static String FlashOperation_returningUnwritten;
	public static String FlashOperation_returnedUnwritten;
	public static String FlashOperation_firmware;
	public static String FlashOperation_untouched;
	public static String FlashOperation_nothingWritten;
	public static String FlashOperation_noWorkFolder;
	public static String FlashOperation_writingCopy;
	public static String FlashOperation_backIntoDfuToVerify;
	public static String FlashOperation_statusDownloading;
	public static String FlashOperation_stepDownload;
	public static String FlashOperation_statusVerifying;
	public static String FlashOperation_stepVerify;
	public static String FlashOperation_stepReturn;
	public static String FlashOperation_stepLeave;
	public static String FlashOperation_asDfuSeFile;
	public static String FlashOperation_asPlainImage;
	public static String FlashOperation_segments;
	public static String FlashReport_title;
	public static String FlashReport_step;
	public static String FlashReport_total;
	public static String FlashReport_bytesVerified;
	public static String FlashReport_bytes;
	public static String FlashReport_before;
	public static String FlashReport_after;
	public static String FlashReport_notWaited;
	public static String FlashSettings_badTransferSize;
	public static String FlashSettings_badTimeout;
	public static String FlashSettings_noFirmware;
	public static String FlashSettings_firmwareControl;
	public static String FlashSettings_firmwareMissing;
	public static String FlashSettings_firmwareRelative;
	public static String FlashSettings_firmwareUnreadable;
	public static String FlashSettings_notFirmware;
	public static String FlashSettings_firmwareEmpty;
	public static String FlashVerification_failed;
	public static String FlashVerification_verified;
	public static String FlashVerification_io;
	public static String FlashVerification_segmentFailed;
	public static String FlashVerification_verifiedSegment;
	public static String FlashVerification_verifiedSegments;
	public static String ParallelFlash_task;
	public static String ParallelFlash_boards;
	public static String ParallelFlash_busy;
	public static String ParallelFlash_crashed;
	public static String ParallelFlash_failed;
	public static String ParallelFlash_summary;
	public static String ParallelFlash_nowDfu;
	public static String ParallelFlash_nowRuntime;
	public static String ParallelFlash_nowGone;
	public static String ParallelFlash_leftInDfu;
	public static String ParallelFlash_flashed;
	public static String ParallelFlash_failedOne;
	public static String ParallelFlash_cancelled;
	public static String ParallelFlash_skipped;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
