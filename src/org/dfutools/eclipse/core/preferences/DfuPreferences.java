package org.dfutools.eclipse.core.preferences;

import java.time.Duration;

import org.dfutools.eclipse.core.device.TouchBoards;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.core.log.CoreLog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/** The plugin's settings, read through the preference service (instance scope, then defaults). */
public final class DfuPreferences {

	/** The dfu-util executable; empty for the one found on the PATH. */
	public static final String DFU_UTIL_PATH = "dfuUtilPath"; //$NON-NLS-1$
	/** How long a board may take to re-enumerate after its detach timeout, in milliseconds. */
	public static final String REENUMERATION_ALLOWANCE_MS = "reenumerationAllowanceMs"; //$NON-NLS-1$
	/** The longest one dfu-util run may take, in seconds. */
	public static final String DFU_UTIL_LIMIT_SECONDS = "dfuUtilLimitSeconds"; //$NON-NLS-1$
	/** The application-return timeout that new DFU Flash configurations start with, in seconds. */
	public static final String APPLICATION_TIMEOUT_SECONDS = "applicationTimeoutSeconds"; //$NON-NLS-1$
	/** How many dfu-util runs a flash of several boards lets run at once (hubs and bootloaders have limits). */
	public static final String PARALLEL_DFU_UTIL = "parallelDfuUtil"; //$NON-NLS-1$
	/** The VID:PIDs of boards that enter DFU mode by the 1200-baud touch, besides the built-in ones. */
	public static final String TOUCH_BOARDS = "touchBoards"; //$NON-NLS-1$

	static final int DEFAULT_DFU_UTIL_LIMIT_SECONDS = (int) OperationPreferences.DEFAULT_DFU_UTIL_LIMIT.toSeconds();
	static final int DEFAULT_PARALLEL_DFU_UTIL = OperationPreferences.DEFAULT_PARALLEL_DFU_UTIL;

	private DfuPreferences() {
	}

	public static Duration reenumerationAllowance() {
		return Duration.ofMillis(Math.max(0, integer(REENUMERATION_ALLOWANCE_MS, (int) RebootToDfu.DEFAULT_ALLOWANCE.toMillis())));
	}

	public static int applicationTimeoutSeconds() {
		return Math.max(1, integer(APPLICATION_TIMEOUT_SECONDS, FlashConfiguration.DEFAULT_APPLICATION_TIMEOUT_SECONDS));
	}

	/** What an operation on a board takes from the preferences. */
	public static OperationPreferences operationPreferences() {
		String dfuUtil = Platform.getPreferencesService().getString(Activator.PLUGIN_ID, DFU_UTIL_PATH, "", null); //$NON-NLS-1$
		Duration limit = Duration.ofSeconds(Math.max(1, integer(DFU_UTIL_LIMIT_SECONDS, DEFAULT_DFU_UTIL_LIMIT_SECONDS)));
		return new OperationPreferences(dfuUtil, reenumerationAllowance(), limit,
				Math.max(1, integer(PARALLEL_DFU_UTIL, DEFAULT_PARALLEL_DFU_UTIL)));
	}

	/** The boards that enter DFU mode by the 1200-baud touch: the built-in ones, and those the preference lists. */
	public static TouchBoards touchBoards() {
		String listed = Platform.getPreferencesService().getString(Activator.PLUGIN_ID, TOUCH_BOARDS, "", null); //$NON-NLS-1$
		try {
			return TouchBoards.withListed(listed);
		} catch (IllegalArgumentException e) {
			// The preference page refuses such a list; one written around it is not half used.
			CoreLog.warn(DfuPreferences.class, e.getMessage());
			return TouchBoards.builtIn();
		}
	}

	private static int integer(String key, int fallback) {
		return Platform.getPreferencesService().getInt(Activator.PLUGIN_ID, key, fallback, null);
	}

	/** Puts the defaults in the default scope, where the preference page's "Restore Defaults" finds them. */
	public static final class Initializer extends AbstractPreferenceInitializer {
		@Override
		public void initializeDefaultPreferences() {
			IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(Activator.PLUGIN_ID);
			defaults.put(DFU_UTIL_PATH, ""); //$NON-NLS-1$
			defaults.putInt(REENUMERATION_ALLOWANCE_MS, (int) RebootToDfu.DEFAULT_ALLOWANCE.toMillis());
			defaults.putInt(DFU_UTIL_LIMIT_SECONDS, DEFAULT_DFU_UTIL_LIMIT_SECONDS);
			defaults.putInt(APPLICATION_TIMEOUT_SECONDS, FlashConfiguration.DEFAULT_APPLICATION_TIMEOUT_SECONDS);
			defaults.putInt(PARALLEL_DFU_UTIL, DEFAULT_PARALLEL_DFU_UTIL);
			defaults.put(TOUCH_BOARDS, ""); //$NON-NLS-1$
		}
	}
}
