package org.dfutools.eclipse.core.preferences;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.internal.Activator;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.PreferenceChangeEvent;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * Gives the device service's registry the boards that enter DFU mode by the 1200-baud touch, as the preferences list
 * them, and again whenever they change (then the bus is read again, so that such a board shows up or goes at once).
 * A Declarative Services component: it starts with the device service.
 */
public final class TouchBoardsPreference implements IPreferenceChangeListener {

	private DfuDeviceService service;

	/** Declarative Services' bind method. */
	public void bind(DfuDeviceService deviceService) {
		this.service = deviceService;
	}

	/** Declarative Services' activate method. */
	public void activate() {
		node().addPreferenceChangeListener(this);
		service.registryWithoutStarting().touchBoards(DfuPreferences.touchBoards());
	}

	/** Declarative Services' deactivate method. */
	public void deactivate() {
		node().removePreferenceChangeListener(this);
	}

	@Override
	public void preferenceChange(PreferenceChangeEvent event) {
		if (DfuPreferences.TOUCH_BOARDS.equals(event.getKey())) {
			service.registryWithoutStarting().touchBoards(DfuPreferences.touchBoards());
			service.refresh();
		}
	}

	private static IEclipsePreferences node() {
		return InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID);
	}
}
