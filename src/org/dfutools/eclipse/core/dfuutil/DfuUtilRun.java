package org.dfutools.eclipse.core.dfuutil;

/**
 * How one dfu-util run ended.
 *
 * @param exitStatus   the process's exit status
 * @param lastError    the last error line it printed, without "dfu-util: " ("" when none)
 * @param bytes        bytes of the last Download or Upload progress line
 * @param transferDone whether the Download or Upload phase printed "done."
 * @param resetAfter   whether it said it resets the board to run-time mode after the transfer
 */
public record DfuUtilRun(int exitStatus, String lastError, long bytes, boolean transferDone, boolean resetAfter) {

	/** dfu-util's status after {@code -R} when the reset made the board re-enumerate (LIBUSB_ERROR_NOT_FOUND). */
	public static final int RESET_REENUMERATED = 251;

	/**
	 * Whether the transfer succeeded: status 0, or the known non-zero status of a reset that made the
	 * board re-enumerate (the board left the bus, as it should) after a completed transfer.
	 */
	public boolean succeeded() {
		return exitStatus == 0 || transferDone && resetAfter && exitStatus == RESET_REENUMERATED;
	}
}
