package org.dfutools.eclipse.core.usb.libusb;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.device.DeviceSink;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.log.CoreLog;
import org.usb4java.Device;
import org.usb4java.LibUsb;

/**
 * The backend's one reader thread: devices are read there, never inside libusb's callbacks, and reach the sink in the
 * order the bus saw them. A device udev has not yet opened to this user is read once more shortly after. Each device
 * waiting to be read holds a libusb reference, released once, however its read ends.
 */
final class DeviceReads {

	/** Long enough for udev to apply a board's permissions after the kernel announced it. */
	private static final long OPEN_RETRY_MILLIS = 300;

	private final ExecutorService reader = Executors.newSingleThreadExecutor(daemon("DFU device reader")); //$NON-NLS-1$
	private final ScheduledExecutorService retryTimer = Executors
			.newSingleThreadScheduledExecutor(daemon("DFU device read retry")); //$NON-NLS-1$
	/** libusb device references taken and not yet released: 0 when nothing is pending or being read. */
	private final AtomicInteger referencesHeld = new AtomicInteger();
	private final Set<DeviceRead> waitingRetries = ConcurrentHashMap.newKeySet();
	private volatile DeviceSink sink;

	void start(DeviceSink deviceSink) {
		sink = deviceSink;
	}

	int referencesHeld() {
		return referencesHeld.get();
	}

	/** A device arrived (libusb's callback): read it on the reader thread, keeping it alive until then. */
	void arrived(Device device) {
		DeviceRead read = new DeviceRead(device, false);
		try {
			reader.execute(read);
		} catch (RejectedExecutionException e) {
			read.discard(); // closing
		}
	}

	/** Runs the task on the reader thread, after what is queued; false when closing. */
	boolean submit(Runnable task) {
		try {
			reader.execute(() -> {
				try {
					task.run();
				} catch (RuntimeException e) {
					CoreLog.error(DeviceReads.class, e);
				}
			});
			return true;
		} catch (RejectedExecutionException e) {
			return false; // closing
		}
	}

	/** Takes no more reads; the one running finishes, a retry waiting is dropped. */
	void stop() {
		reader.shutdown();
		retryTimer.shutdownNow();
		waitingRetries.forEach(DeviceRead::discard);
	}

	/** Whether both threads ended within the wait. */
	boolean awaitStopped(long millis) throws InterruptedException {
		// A retry that was firing hands its read to the closed reader, which refuses it: it discards it itself.
		return retryTimer.awaitTermination(millis, TimeUnit.MILLISECONDS) & reader.awaitTermination(millis, TimeUnit.MILLISECONDS);
	}

	/** Releases the references of the reads that will never run now. */
	void discardPending() {
		for (Runnable pending : reader.shutdownNow()) {
			if (pending instanceof DeviceRead read) {
				read.discard();
			}
		}
	}

	/**
	 * The kernel announces a device before udev has applied its permissions (libusb here listens to the
	 * kernel, not to udev), so a first open can fail although the board is fine: read it once more
	 * shortly after, before reporting it. Returns false when closing.
	 */
	private boolean retryLater(Device device) {
		DeviceRead again = new DeviceRead(device, true);
		// Kept here while it waits: a task that stop() cancels never runs, so stop() releases these itself.
		waitingRetries.add(again);
		try {
			retryTimer.schedule(() -> {
				waitingRetries.remove(again);
				try {
					reader.execute(again);
				} catch (RejectedExecutionException e) {
					again.discard();
				}
			}, OPEN_RETRY_MILLIS, TimeUnit.MILLISECONDS);
			return true;
		} catch (RejectedExecutionException e) {
			waitingRetries.remove(again);
			again.discard();
			return false;
		}
	}

	private static boolean notOpened(DfuDeviceRecord record) {
		return record.hasProblem(DeviceProblem.Kind.ACCESS_DENIED) || record.hasProblem(DeviceProblem.Kind.OPEN_FAILED);
	}

	static ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/** Reads one device that arrived; holds a reference to it until it has run or is discarded. */
	private final class DeviceRead implements Runnable {
		private final Device device;
		private final boolean retry;
		private final AtomicBoolean released = new AtomicBoolean();

		/** Takes a reference to the device, released once when the read has run or is discarded. */
		DeviceRead(Device device, boolean retry) {
			this.device = LibUsb.refDevice(device);
			referencesHeld.incrementAndGet();
			this.retry = retry;
		}

		@Override
		public void run() {
			try {
				Optional<DfuDeviceRecord> record = DeviceReader.read(device, sink::entersDfuByTouch);
				if (!retry && record.filter(DeviceReads::notOpened).isPresent() && retryLater(device)) {
					return; // reported after the retry
				}
				record.ifPresent(sink::deviceArrived);
			} catch (RuntimeException e) {
				CoreLog.error(DeviceReads.class, e);
			} finally {
				discard();
			}
		}

		/** Releases the reference, once: close() and the reader may both come to a read that is handed over. */
		void discard() {
			if (released.compareAndSet(false, true)) {
				LibUsb.unrefDevice(device);
				referencesHeld.decrementAndGet();
			}
		}
	}
}
