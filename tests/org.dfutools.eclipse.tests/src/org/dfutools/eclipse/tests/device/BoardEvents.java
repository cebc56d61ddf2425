package org.dfutools.eclipse.tests.device;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.UsbStatus;

/** Collects a registry's events so a test can wait for one, bounded, without polling. */
final class BoardEvents implements BoardListener {

	private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

	@Override
	public void boardChanged(BoardEvent event) {
		events.add(event);
	}

	@Override
	public void usbStatusChanged(UsbStatus status) {
		events.add(status);
	}

	/** Waits for the first event that matches, dropping the ones before it. */
	BoardEvent await(Predicate<BoardEvent> wanted, Duration limit, String what) throws InterruptedException {
		return awaitAny(BoardEvent.class, wanted, limit, what);
	}

	UsbStatus awaitStatus(Predicate<UsbStatus> wanted, Duration limit, String what) throws InterruptedException {
		return awaitAny(UsbStatus.class, wanted, limit, what);
	}

	private <T> T awaitAny(Class<T> type, Predicate<T> wanted, Duration limit, String what) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		List<Object> skipped = new ArrayList<>();
		while (true) {
			long left = deadline - System.nanoTime();
			Object next = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
			if (next == null) {
				return fail("no " + what + " within " + limit + "; other events: " + skipped);
			}
			if (type.isInstance(next) && wanted.test(type.cast(next))) {
				return type.cast(next);
			}
			skipped.add(next);
		}
	}
}
