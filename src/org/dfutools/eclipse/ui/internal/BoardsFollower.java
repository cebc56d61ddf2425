package org.dfutools.eclipse.ui.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;

/**
 * Runs an action on the UI thread after the registry changed (boards plugged in or out, read again, the
 * first listing), coalesced into one run per burst, for as long as a control lives: dialogs and tabs that
 * show attached boards follow hotplug with it.
 */
public final class BoardsFollower implements BoardListener {

	private final DeviceRegistry registry;
	private final Control control;
	private final Runnable action;
	private final AtomicBoolean pending = new AtomicBoolean();

	private BoardsFollower(DeviceRegistry registry, Control control, Runnable action) {
		this.registry = registry;
		this.control = control;
		this.action = action;
	}

	/** Starts following; it stops when the control is disposed. UI thread. */
	public static void follow(DeviceRegistry registry, Control control, Runnable action) {
		BoardsFollower follower = new BoardsFollower(registry, control, action);
		registry.addListener(follower);
		control.addListener(SWT.Dispose, event -> registry.removeListener(follower));
	}

	@Override
	public void boardChanged(BoardEvent event) {
		later();
	}

	@Override
	public void usbStatusChanged(UsbStatus status) {
		later();
	}

	private void later() {
		if (control.isDisposed() || !pending.compareAndSet(false, true)) {
			return;
		}
		control.getDisplay().asyncExec(() -> {
			pending.set(false);
			if (!control.isDisposed()) {
				action.run();
			}
		});
	}
}
