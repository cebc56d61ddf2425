package org.dfutools.eclipse.ui.views;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;

/**
 * Turns registry events into view updates, coalesced: an event posts one update to the UI thread, and the
 * events that arrive before it runs are absorbed by it, so a burst faster than the UI thread is one repaint.
 * The update reads the registry's boards when it runs (a copy of a short list, no USB), so it shows the
 * latest state. There is no timer between the bus and the row: an Eclipse job scheduled with a delay woke
 * some 50 ms late, which was most of the time from a hotplug event to its row.
 */
final class ViewRefresher implements BoardListener {

	/** What the view shows: the boards and the state of USB access, as of one moment. */
	record Snapshot(List<Board> boards, UsbStatus status) {
	}

	private final DeviceRegistry registry;
	private final Display display;
	private final Consumer<Snapshot> apply;
	private final AtomicBoolean pending = new AtomicBoolean();
	private volatile boolean disposed;

	/** {@code apply} runs on the UI thread, never after {@link #dispose()}. */
	ViewRefresher(DeviceRegistry registry, Display display, Consumer<Snapshot> apply) {
		this.registry = registry;
		this.display = display;
		this.apply = apply;
		registry.addListener(this);
		request();
	}

	void request() {
		if (disposed || !pending.compareAndSet(false, true)) {
			return; // the update on its way will show this change too
		}
		try {
			display.asyncExec(this::update);
		} catch (SWTException e) {
			pending.set(false); // the display is gone: nothing to update
		}
	}

	private void update() {
		pending.set(false); // from here on a change posts another update
		if (!disposed) {
			apply.accept(new Snapshot(registry.boards(), registry.usbStatus()));
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

	void dispose() {
		disposed = true;
		registry.removeListener(this);
	}
}
