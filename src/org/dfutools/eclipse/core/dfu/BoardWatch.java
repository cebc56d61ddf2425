package org.dfutools.eclipse.core.dfu;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.wait.CancellableWait;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * The registry's events about one board, for a wait that is bounded and can be cancelled. Where USB has no
 * hotplug events (libusb on Windows) a wait asks for a rescan every {@value #RESCAN_MILLIS} ms itself: the
 * periodic one, seconds apart, would miss a board's wDetachTimeOut.
 */
public final class BoardWatch implements BoardListener, AutoCloseable {

	/** How often a wait rescans where there is no hotplug: a tenth of the usual 1 s wDetachTimeOut. */
	static final long RESCAN_MILLIS = 100;

	private final DfuDeviceService service;
	private final DeviceRegistry registry;
	private final String boardId;
	private final BlockingQueue<BoardEvent> events = new LinkedBlockingQueue<>();

	public BoardWatch(DfuDeviceService service, String boardId) {
		this.service = service;
		this.registry = service.registry();
		this.boardId = boardId;
		registry.addListener(this);
	}

	@Override
	public void boardChanged(BoardEvent event) {
		if (event.board().id().equals(boardId)) {
			events.add(event);
		}
	}

	/**
	 * Waits until an event of the board matches, the deadline ({@link System#nanoTime()}) passes (null)
	 * or the monitor is cancelled (throws).
	 */
	public BoardEvent await(Predicate<BoardEvent> wanted, long deadlineNanos, IProgressMonitor monitor)
			throws InterruptedException, CancelledException {
		long[] rescanned = { System.nanoTime() };
		try {
			return CancellableWait.until(nanos -> {
				long now = System.nanoTime();
				if (now - rescanned[0] >= TimeUnit.MILLISECONDS.toNanos(RESCAN_MILLIS)) {
					service.rescanUnlessHotplug();
					rescanned[0] = now;
				}
				BoardEvent event = events.poll(nanos, TimeUnit.NANOSECONDS);
				return event != null && wanted.test(event) ? event : null;
			}, deadlineNanos, monitor).orElse(null);
		} catch (OperationCanceledException e) {
			throw new CancelledException();
		}
	}

	@Override
	public void close() {
		registry.removeListener(this);
	}

	/** The user cancelled the wait. */
	public static final class CancelledException extends Exception {
		private static final long serialVersionUID = 1L;
	}
}
