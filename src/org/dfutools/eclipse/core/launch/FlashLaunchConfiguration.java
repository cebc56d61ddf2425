package org.dfutools.eclipse.core.launch;

import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/** How a DFU Flash launch configuration stores its values: its type and the attribute of each value. */
public final class FlashLaunchConfiguration {

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

	private FlashLaunchConfiguration() {
	}

	public static FlashConfiguration read(ILaunchConfiguration configuration) throws CoreException {
		FlashConfiguration empty = FlashConfiguration.defaults(null, "", //$NON-NLS-1$
				FlashConfiguration.DEFAULT_APPLICATION_TIMEOUT_SECONDS);
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

	public static void write(FlashConfiguration values, ILaunchConfigurationWorkingCopy copy) {
		copy.setAttribute(BOARD_KIND, values.board().kind().name());
		copy.setAttribute(BOARD_VALUE, values.board().value());
		copy.setAttribute(FIRMWARE, values.firmware());
		copy.setAttribute(ALT, values.alt());
		copy.setAttribute(DFUSE_ADDRESS, values.dfuseAddress());
		copy.setAttribute(TRANSFER_SIZE, values.transferSize());
		copy.setAttribute(EXTRA_ARGUMENTS, values.extraArguments());
		copy.setAttribute(WAIT_FOR_APPLICATION, values.waitForApplication());
		copy.setAttribute(APPLICATION_TIMEOUT, values.applicationTimeoutSeconds());
		copy.setAttribute(VERIFY, values.verify());
	}
}
