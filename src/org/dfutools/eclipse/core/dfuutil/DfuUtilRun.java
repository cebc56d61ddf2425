package org.dfutools.eclipse.core.dfuutil;

/**
 * How one dfu-util run ended.
 *
 * @param exitStatus   the process's exit status
 * @param lastError    the last error line it printed, without "dfu-util: " ("" when none)
 * @param bytes        bytes of the last Download or Upload progress line
 * @param transferDone whether the Download or Upload phase printed "done."
 * @param resetAfter   whether, after the transfer, it said it makes the board leave DFU mode: its final reset
 *                     ("Resetting USB to switch back to runtime mode") or DfuSe's leave request
 * @param boardError   whether {@code lastError} is an error status the board reported ("DFU state(10) = dfuERROR,
 *                     status(8) = ..."), not dfu-util's own error
 */
public record DfuUtilRun(int exitStatus, String lastError, long bytes, boolean transferDone, boolean resetAfter,
		boolean boardError) {

	/** A run whose last error, if any, is dfu-util's own. */
	public DfuUtilRun(int exitStatus, String lastError, long bytes, boolean transferDone, boolean resetAfter) {
		this(exitStatus, lastError, bytes, transferDone, resetAfter, false);
	}

	/** dfu-util's status after {@code -R} when the reset made the board re-enumerate (LIBUSB_ERROR_NOT_FOUND). */
	public static final int RESET_REENUMERATED = 251;

	/**
	 * Whether the transfer succeeded: status 0, or the known non-zero status of a reset that made the
	 * board re-enumerate (the board left the bus, as it should) after a completed transfer.
	 */
	public boolean succeeded() {
		return exitStatus == 0 || transferDone && resetAfter && exitStatus == RESET_REENUMERATED;
	}

	/**
	 * Whether dfu-util failed only after a completed transfer, as it made the board leave DFU mode. Bootloaders
	 * that are not manifestation-tolerant re-enumerate at its final reset, and some DfuSe bootloaders jump to the
	 * application before they answer the leave request's GETSTATUS: dfu-util then exits with an error although
	 * the image is written. Only the board can tell: back in run-time mode, the transfer stands.
	 */
	public boolean failedAsTheBoardLeft() {
		return !succeeded() && transferDone && resetAfter;
	}
}
