package org.dfutools.eclipse.core.operation;

import java.time.Duration;

/**
 * The settings a flash takes from the preferences rather than from its configuration.
 *
 * @param dfuUtil                the configured dfu-util executable; blank for the one on the PATH
 * @param reenumerationAllowance how long a board may take to come back in DFU mode after its detach timeout
 * @param dfuUtilLimit           the longest one dfu-util run may take before it is stopped
 * @param parallelDfuUtil        how many dfu-util runs a flash of several boards lets run at once
 */
public record OperationPreferences(String dfuUtil, Duration reenumerationAllowance, Duration dfuUtilLimit, int parallelDfuUtil) {

	/** The tools of a flash of one board, where no other dfu-util run waits for a turn. */
	public OperationPreferences(String dfuUtil, Duration reenumerationAllowance, Duration dfuUtilLimit) {
		this(dfuUtil, reenumerationAllowance, dfuUtilLimit, 1);
	}
}
