package org.dfutools.eclipse.core.dfu;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.eclipse.core.runtime.IProgressMonitor;

/** The registry's events about one board, for a wait that is bounded and can be cancelled. */
public final class BoardWatch implements BoardListener, AutoCloseable {

	/** How often a wait looks at its monitor: progress monitors cannot wake a waiting thread. */
	private static final long CANCEL_CHECK_MILLIS = 50;

	private final DeviceRegistry registry;
	private final String boardId;
	private final BlockingQueue<BoardEvent> events = new LinkedBlockingQueue<>();

	public BoardWatch(DeviceRegistry registry, String boardId) {
		this.registry = registry;
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
		while (true) {
			if (monitor.isCanceled()) {
				throw new CancelledException();
			}
			long left = deadlineNanos - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			BoardEvent event = events.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(CANCEL_CHECK_MILLIS)),
					TimeUnit.NANOSECONDS);
			if (event != null && wanted.test(event)) {
				return event;
			}
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
