package org.dfutools.eclipse.core.device;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.wait.CancellableWait;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/** USB's start, as a command that is its first user waits for it: only then are the boards attached now all listed. */
public final class UsbStart {

	private UsbStart() {
	}

	/**
	 * Waits while USB is starting, so that the boards attached now are all listed (a caller that is USB's
	 * first user would otherwise find none), at most {@code limit}, and no longer than the monitor allows
	 * ({@link CancellableWait}). Returns the status then.
	 */
	public static UsbStatus await(DeviceRegistry registry, Duration limit, IProgressMonitor monitor) throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		BoardListener listener = new BoardListener() {
			@Override
			public void boardChanged(BoardEvent event) {
				// only the status matters here
			}

			@Override
			public void usbStatusChanged(UsbStatus status) {
				started.countDown();
			}
		};
		registry.addListener(listener);
		try {
			CancellableWait.until(nanos -> {
				if (registry.usbStatus().state() == UsbStatus.State.STARTING) {
					started.await(nanos, TimeUnit.NANOSECONDS);
				}
				return registry.usbStatus().state() == UsbStatus.State.STARTING ? null : registry.usbStatus();
			}, System.nanoTime() + limit.toNanos(), monitor);
		} catch (OperationCanceledException e) {
			// the caller looks at its monitor: the status as it is now is the answer
		} finally {
			registry.removeListener(listener);
		}
		return registry.usbStatus();
	}
}
