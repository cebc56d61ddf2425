package org.dfutools.eclipse.core.wait;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * The one way the core waits for something while a person may press Cancel: a progress monitor has no event that
 * could wake a waiting thread, so the wait is cut into slices of {@value #CHECK_MILLIS} ms and the monitor is looked
 * at between them. What is waited for (an event, a semaphore, a process) ends a slice early when it comes.
 */
public final class CancellableWait {

	/** The longest a cancel goes unnoticed. */
	public static final long CHECK_MILLIS = 50;
	/** A deadline for a wait that only its result or a cancel ends. */
	public static final long NO_DEADLINE = Long.MAX_VALUE;

	/** One slice of the wait: what came within {@code nanos}, or null when nothing did yet. */
	@FunctionalInterface
	public interface Slice<T> {
		T await(long nanos) throws InterruptedException;
	}

	private CancellableWait() {
	}

	/**
	 * Waits until a slice gives a result (returned), the deadline ({@link System#nanoTime()}, or {@link #NO_DEADLINE})
	 * passes (empty), or the monitor is cancelled.
	 *
	 * @throws OperationCanceledException when the monitor is cancelled
	 * @throws InterruptedException       when the thread is interrupted; its interrupt flag is then clear, as
	 *                                    {@link InterruptedException} leaves it
	 */
	public static <T> Optional<T> until(Slice<T> slice, long deadlineNanos, IProgressMonitor monitor)
			throws InterruptedException {
		long sliceNanos = TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS);
		while (true) {
			if (monitor.isCanceled()) {
				throw new OperationCanceledException();
			}
			long left = deadlineNanos == NO_DEADLINE ? sliceNanos : deadlineNanos - System.nanoTime();
			if (left <= 0) {
				return Optional.empty();
			}
			T result = slice.await(Math.min(left, sliceNanos));
			if (result != null) {
				return Optional.of(result);
			}
		}
	}
}
