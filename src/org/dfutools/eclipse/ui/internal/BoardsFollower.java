package org.dfutools.eclipse.ui.internal;

import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;

/**
 * Runs an action on the UI thread after the registry changed, coalesced ({@link CoalescedUpdates}), for as long as a
 * control lives: dialogs and tabs that show attached boards follow hotplug with it.
 */
public final class BoardsFollower {

	private BoardsFollower() {
	}

	/** Starts following; it stops when the control is disposed. UI thread. */
	public static void follow(DeviceRegistry registry, Control control, Runnable action) {
		CoalescedUpdates updates = new CoalescedUpdates(registry, control.getDisplay(), () -> !control.isDisposed(), action);
		control.addListener(SWT.Dispose, event -> updates.stop());
	}
}
