package org.dfutools.eclipse.core.flash;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/**
 * A DFU Flash launch configuration's values as the user typed them: text, not yet checked, with
 * variables such as {@code ${project_loc}} not yet resolved. A configuration file may come from a
 * shared project, so nothing here is trusted until {@link FlashSettings#parse} has checked it.
 */
public record FlashConfiguration(BoardSelector board, String firmware, String alt, String dfuseAddress,
		String transferSize, String extraArguments, boolean waitForApplication, String applicationTimeoutSeconds,
		boolean verify) {

	/** The launch configuration type's id. */
	public static final String TYPE_ID = "org.dfutools.eclipse.launch.dfuFlash"; //$NON-NLS-1$

	private static final String PREFIX = "org.dfutools.eclipse.flash."; //$NON-NLS-1$
	public static final String BOARD_KIND = PREFIX + "boardKind"; //$NON-NLS-1$
	public static final String BOARD_VALUE = PREFIX + "boardValue"; //$NON-NLS-1$
	public static final String FIRMWARE = PREFIX + "firmware"; //$NON-NLS-1$
	public static final String ALT = PREFIX + "alt"; //$NON-NLS-1$
	public static final String DFUSE_ADDRESS = PREFIX + "dfuseAddress"; //$NON-NLS-1$
	public static final String TRANSFER_SIZE = PREFIX + "transferSize"; //$NON-NLS-1$
	public static final String EXTRA_ARGUMENTS = PREFIX + "extraArguments"; //$NON-NLS-1$
	public static final String WAIT_FOR_APPLICATION = PREFIX + "waitForApplication"; //$NON-NLS-1$
	public static final String APPLICATION_TIMEOUT = PREFIX + "applicationTimeoutSeconds"; //$NON-NLS-1$
	public static final String VERIFY = PREFIX + "verify"; //$NON-NLS-1$

	/** Seconds the application may take to come back when a configuration does not say. */
	public static final int DEFAULT_APPLICATION_TIMEOUT_SECONDS = 10;

	/**
	 * A new configuration's values for a board (may be null), a firmware file (may be empty) and the
	 * seconds to wait for the application.
	 */
	public static FlashConfiguration defaults(BoardSelector board, String firmware, int applicationTimeoutSeconds) {
		return new FlashConfiguration(board == null ? new BoardSelector(BoardSelector.Kind.SERIAL, "") : board, //$NON-NLS-1$
				firmware, "0", "", "", "", true, Integer.toString(applicationTimeoutSeconds), false); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}

	public static FlashConfiguration read(ILaunchConfiguration configuration) throws CoreException {
		FlashConfiguration empty = defaults(null, "", DEFAULT_APPLICATION_TIMEOUT_SECONDS); //$NON-NLS-1$
		return new FlashConfiguration(
				new BoardSelector(BoardSelector.Kind.named(configuration.getAttribute(BOARD_KIND, "")), //$NON-NLS-1$
						configuration.getAttribute(BOARD_VALUE, "")), //$NON-NLS-1$
				configuration.getAttribute(FIRMWARE, ""), //$NON-NLS-1$
				configuration.getAttribute(ALT, empty.alt()),
				configuration.getAttribute(DFUSE_ADDRESS, ""), //$NON-NLS-1$
				configuration.getAttribute(TRANSFER_SIZE, ""), //$NON-NLS-1$
				configuration.getAttribute(EXTRA_ARGUMENTS, ""), //$NON-NLS-1$
				configuration.getAttribute(WAIT_FOR_APPLICATION, true),
				configuration.getAttribute(APPLICATION_TIMEOUT, empty.applicationTimeoutSeconds()),
				configuration.getAttribute(VERIFY, false));
	}

	public void write(ILaunchConfigurationWorkingCopy copy) {
		copy.setAttribute(BOARD_KIND, board.kind().name());
		copy.setAttribute(BOARD_VALUE, board.value());
		copy.setAttribute(FIRMWARE, firmware);
		copy.setAttribute(ALT, alt);
		copy.setAttribute(DFUSE_ADDRESS, dfuseAddress);
		copy.setAttribute(TRANSFER_SIZE, transferSize);
		copy.setAttribute(EXTRA_ARGUMENTS, extraArguments);
		copy.setAttribute(WAIT_FOR_APPLICATION, waitForApplication);
		copy.setAttribute(APPLICATION_TIMEOUT, applicationTimeoutSeconds);
		copy.setAttribute(VERIFY, verify);
	}
}
