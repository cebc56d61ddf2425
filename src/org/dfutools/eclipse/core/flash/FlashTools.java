package org.dfutools.eclipse.core.flash;

import java.time.Duration;

/**
 * The settings a flash takes from the preferences rather than from its configuration.
 *
 * @param dfuUtil                the configured dfu-util executable; blank for the one on the PATH
 * @param reenumerationAllowance how long a board may take to come back in DFU mode after its detach timeout
 * @param dfuUtilLimit           the longest one dfu-util run may take before it is stopped
 */
public record FlashTools(String dfuUtil, Duration reenumerationAllowance, Duration dfuUtilLimit) {
}
