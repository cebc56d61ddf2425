package org.dfutools.eclipse.core.dfuutil;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.wait.CancellableWait;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * How many dfu-util runs of one flash of several boards may run at once: hubs and bootloaders have limits. A run
 * takes a slot for as long as dfu-util runs and waits for one, cancellably, when all are taken.
 */
public final class DfuUtilSlots {

	private final Semaphore slots;

	public DfuUtilSlots(int count) {
		slots = new Semaphore(Math.max(1, count), true);
	}

	/** A taken slot, given back when closed. */
	public interface Slot extends AutoCloseable {
		@Override
		void close();
	}

	/**
	 * Takes a slot, waiting while all are taken; {@code waiting} runs once when the wait begins.
	 *
	 * @throws OperationCanceledException when the monitor is cancelled or the thread interrupted while it waits
	 */
	public Slot take(IProgressMonitor monitor, Runnable waiting) {
		if (!slots.tryAcquire()) {
			waiting.run();
			try {
				CancellableWait.until(nanos -> slots.tryAcquire(nanos, TimeUnit.NANOSECONDS) ? Boolean.TRUE : null,
						CancellableWait.NO_DEADLINE, monitor);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new OperationCanceledException();
			}
		}
		return slots::release;
	}
}
