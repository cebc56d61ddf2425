package org.dfutools.eclipse.ui.views;

import java.util.List;
import java.util.function.Consumer;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;

/**
 * Turns registry events into view updates, two-phase: a background job takes a snapshot of the
 * registry, and the UI thread applies it. Events that arrive while the job waits are absorbed by the
 * pending job (scheduling a waiting job does nothing), so a burst of hotplug events is one repaint.
 */
final class ViewRefresher implements BoardListener {

	/** What the view shows: the boards and the state of USB access, as of one moment. */
	record Snapshot(List<Board> boards, UsbStatus status) {
	}

	/** Long enough to gather a burst of events, short enough to stay well under 100 ms per hotplug. */
	static final long COALESCE_DELAY_MILLIS = 15;

	private final DeviceRegistry registry;
	private final Display display;
	private final Consumer<Snapshot> apply;
	private volatile boolean disposed;

	private final Job gather = new Job(Messages.ViewRefresher_jobName) {
		@Override
		protected IStatus run(IProgressMonitor monitor) {
			Snapshot snapshot = new Snapshot(registry.boards(), registry.usbStatus());
			if (disposed || display.isDisposed()) {
				return Status.CANCEL_STATUS;
			}
			try {
				display.asyncExec(() -> {
					if (!disposed) {
						apply.accept(snapshot);
					}
				});
			} catch (SWTException e) {
				return Status.CANCEL_STATUS; // the display went away between the check and the call
			}
			return Status.OK_STATUS;
		}

		@Override
		public boolean belongsTo(Object family) {
			return Activator.PLUGIN_ID.equals(family);
		}
	};

	/** {@code apply} runs on the UI thread, never after {@link #dispose()}. */
	ViewRefresher(DeviceRegistry registry, Display display, Consumer<Snapshot> apply) {
		this.registry = registry;
		this.display = display;
		this.apply = apply;
		gather.setSystem(true);
		registry.addListener(this);
		request();
	}

	void request() {
		if (!disposed) {
			gather.schedule(COALESCE_DELAY_MILLIS);
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
		gather.cancel();
	}
}
