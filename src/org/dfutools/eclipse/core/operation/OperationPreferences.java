package org.dfutools.eclipse.core.operation;

import java.time.Duration;

import org.dfutools.eclipse.core.dfu.RebootToDfu;

/**
 * The settings a flash takes from the preferences rather than from its configuration.
 *
 * @param dfuUtil                the configured dfu-util executable; blank for the one on the PATH
 * @param reenumerationAllowance how long a board may take to come back in DFU mode after its detach timeout
 * @param dfuUtilLimit           the longest one dfu-util run may take before it is stopped
 * @param parallelDfuUtil        how many dfu-util runs a flash of several boards lets run at once
 */
public record OperationPreferences(String dfuUtil, Duration reenumerationAllowance, Duration dfuUtilLimit, int parallelDfuUtil) {

	/** The longest one dfu-util run may take when the preferences do not say. */
	public static final Duration DEFAULT_DFU_UTIL_LIMIT = Duration.ofSeconds(300);
	/** How many dfu-util runs a flash of several boards lets run at once when the preferences do not say. */
	public static final int DEFAULT_PARALLEL_DFU_UTIL = 8;

	/** The IDE's defaults: dfu-util from the PATH, and the limits above. */
	public static OperationPreferences defaults() {
		return new OperationPreferences("", RebootToDfu.DEFAULT_ALLOWANCE, DEFAULT_DFU_UTIL_LIMIT, DEFAULT_PARALLEL_DFU_UTIL); //$NON-NLS-1$
	}

	/** The tools of a flash of one board, where no other dfu-util run waits for a turn. */
	public OperationPreferences(String dfuUtil, Duration reenumerationAllowance, Duration dfuUtilLimit) {
		this(dfuUtil, reenumerationAllowance, dfuUtilLimit, 1);
	}
}
