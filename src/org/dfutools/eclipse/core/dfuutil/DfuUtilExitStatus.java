package org.dfutools.eclipse.core.dfuutil;

import org.eclipse.osgi.util.NLS;

/** What a failing dfu-util exit status means (dfu-util uses the BSD sysexits codes), said for a person. */
public final class DfuUtilExitStatus {

	/** EX_IOERR: the board was not found, could not be opened, or was lost; or it reported an error status. */
	public static final int IO_ERROR = 74;

	private DfuUtilExitStatus() {
	}

	/** The operation's message for a failed run: the status explained, and dfu-util's own last error quoted. */
	public static String describe(DfuUtilRun run) {
		// The board's own error status says more than the exit status dfu-util chose for it (74 or 76).
		String meaning = run.boardError() ? Messages.DfuUtilExit_boardError : switch (run.exitStatus()) {
		case 64 -> Messages.DfuUtilExit_usage;
		case 65 -> Messages.DfuUtilExit_data;
		case 66 -> Messages.DfuUtilExit_noInput;
		case 70 -> Messages.DfuUtilExit_software;
		case 73 -> Messages.DfuUtilExit_cannotCreate;
		case 74 -> Messages.DfuUtilExit_io;
		case 76 -> Messages.DfuUtilExit_protocol;
		default -> Messages.DfuUtilExit_other;
		};
		Integer status = Integer.valueOf(run.exitStatus());
		if (run.lastError().isEmpty()) {
			return NLS.bind(Messages.DfuUtilExit_failedSilently, status, meaning);
		}
		return NLS.bind(Messages.DfuUtilExit_failed, new Object[] { status, meaning, run.lastError() });
	}
}
