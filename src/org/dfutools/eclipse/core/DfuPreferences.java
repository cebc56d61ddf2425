package org.dfutools.eclipse.core;

import java.time.Duration;

import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.internal.Activator;
import org.eclipse.core.runtime.Platform;

/** The plugin's settings, read through the preference service (instance scope, then defaults). */
public final class DfuPreferences {

	/** How long a board may take to re-enumerate after its detach timeout, in milliseconds. */
	public static final String REENUMERATION_ALLOWANCE_MS = "reenumerationAllowanceMs"; //$NON-NLS-1$

	private DfuPreferences() {
	}

	public static Duration reenumerationAllowance() {
		int millis = Platform.getPreferencesService().getInt(Activator.PLUGIN_ID, REENUMERATION_ALLOWANCE_MS,
				(int) RebootToDfu.DEFAULT_ALLOWANCE.toMillis(), null);
		return Duration.ofMillis(Math.max(0, millis));
	}
}
