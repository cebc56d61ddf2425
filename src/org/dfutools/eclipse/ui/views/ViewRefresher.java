package org.dfutools.eclipse.ui.views;

import java.util.List;
import java.util.function.Consumer;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.ui.internal.CoalescedUpdates;
import org.eclipse.swt.widgets.Display;

/**
 * Turns registry events into view updates, coalesced ({@link CoalescedUpdates}): a burst faster than the UI thread is
 * one repaint. The update reads the registry's boards when it runs (a copy of a short list, no USB), so it shows the
 * latest state.
 */
final class ViewRefresher {

	/** What the view shows: the boards and the state of USB access, as of one moment. */
	record Snapshot(List<Board> boards, UsbStatus status) {
	}

	private final CoalescedUpdates updates;

	/** {@code apply} runs on the UI thread, never after {@link #dispose()}. */
	ViewRefresher(DeviceRegistry registry, Display display, Consumer<Snapshot> apply) {
		updates = new CoalescedUpdates(registry, display, () -> true,
				() -> apply.accept(new Snapshot(registry.boards(), registry.usbStatus())));
		updates.request();
	}

	void request() {
		updates.request();
	}

	void dispose() {
		updates.stop();
	}
}
