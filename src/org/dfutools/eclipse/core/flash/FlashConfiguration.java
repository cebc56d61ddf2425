package org.dfutools.eclipse.core.flash;


import org.dfutools.eclipse.core.operation.BoardSelector;
/**
 * A DFU Flash launch configuration's values as the user typed them (stored by FlashLaunchConfiguration): text, not yet checked, with
 * variables such as {@code ${project_loc}} not yet resolved. A configuration file may come from a
 * shared project, so nothing here is trusted until {@link FlashSettings#parse} has checked it.
 */
public record FlashConfiguration(BoardSelector board, String firmware, String alt, String dfuseAddress,
		String transferSize, String extraArguments, boolean waitForApplication, String applicationTimeoutSeconds,
		boolean verify) {

	/** Seconds the application may take to come back when a configuration does not say. */
	public static final int DEFAULT_APPLICATION_TIMEOUT_SECONDS = 10;

	/** The same values, waiting for the application or not. */
	public FlashConfiguration withWaitForApplication(boolean wait) {
		return new FlashConfiguration(board, firmware, alt, dfuseAddress, transferSize, extraArguments, wait,
				applicationTimeoutSeconds, verify);
	}

	/**
	 * A new configuration's values for a board (may be null), a firmware file (may be empty) and the
	 * seconds to wait for the application.
	 */
	public static FlashConfiguration defaults(BoardSelector board, String firmware, int applicationTimeoutSeconds) {
		return new FlashConfiguration(board == null ? new BoardSelector(BoardSelector.Kind.SERIAL, "") : board, //$NON-NLS-1$
				firmware, "0", "", "", "", true, Integer.toString(applicationTimeoutSeconds), false); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}
}
