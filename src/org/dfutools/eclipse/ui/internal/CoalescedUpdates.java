package org.dfutools.eclipse.ui.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;

/**
 * Registry changes (boards plugged in or out, read again, USB's state) turned into runs of an action on the UI
 * thread, coalesced: a change posts one run, and the changes that come before it runs are absorbed by it, so a burst
 * faster than the UI thread is one run. There is no timer between the bus and the action: an Eclipse job scheduled
 * with a delay woke some 50 ms late, which was most of the time from a hotplug event to its row.
 */
public final class CoalescedUpdates implements BoardListener {

	private final DeviceRegistry registry;
	private final Display display;
	private final BooleanSupplier wanted;
	private final Runnable action;
	private final AtomicBoolean pending = new AtomicBoolean();
	private volatile boolean stopped;

	/** Listens until {@link #stop()}; {@code action} runs on the UI thread while {@code wanted} says so. */
	public CoalescedUpdates(DeviceRegistry registry, Display display, BooleanSupplier wanted, Runnable action) {
		this.registry = registry;
		this.display = display;
		this.wanted = wanted;
		this.action = action;
		registry.addListener(this);
	}

	/** Posts a run unless one is on its way (it will see this change too). Any thread. */
	public void request() {
		if (stopped || !pending.compareAndSet(false, true)) {
			return;
		}
		try {
			display.asyncExec(this::update);
		} catch (SWTException e) {
			pending.set(false); // the display is gone: nothing to update
		}
	}

	private void update() {
		pending.set(false); // from here on a change posts another run
		if (!stopped && wanted.getAsBoolean()) {
			action.run();
		}
	}

	@Override
	public void boardChanged(BoardEvent event) {
		request();
	}

	@Override
	public void usbStatusChanged(UsbStatus status) {
		request();
	}

	public void stop() {
		stopped = true;
		registry.removeListener(this);
	}
}
