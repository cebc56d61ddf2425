package org.dfutools.eclipse.testsupport;

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
public final class BoardEvents implements BoardListener {

	private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
	/** Events seen while waiting for another one: a later wait may want them. */
	private final List<Object> backlog = new ArrayList<>();

	@Override
	public void boardChanged(BoardEvent event) {
		events.add(event);
	}

	@Override
	public void usbStatusChanged(UsbStatus status) {
		events.add(status);
	}

	/** Forgets what happened so far: a test starts from here. */
	public void clear() {
		events.clear();
		backlog.clear();
	}

	/** Detaches a bench board and waits until the registry has seen it go, so no event outlives its test. */
	public void detachAndAwaitRemoval(String port, Duration limit) throws Exception {
		UsbBench.detach(port);
		await(e -> e.kind() == BoardEvent.Kind.REMOVED && e.board().device().location().portPath().equals(port), limit,
				"REMOVED on " + port);
	}

	/** Waits for the first event that matches; the others stay for later waits. */
	public BoardEvent await(Predicate<BoardEvent> wanted, Duration limit, String what) throws InterruptedException {
		return awaitAny(BoardEvent.class, wanted, limit, what);
	}

	public UsbStatus awaitStatus(Predicate<UsbStatus> wanted, Duration limit, String what) throws InterruptedException {
		return awaitAny(UsbStatus.class, wanted, limit, what);
	}

	private <T> T awaitAny(Class<T> type, Predicate<T> wanted, Duration limit, String what) throws InterruptedException {
		for (Object earlier : backlog) {
			if (type.isInstance(earlier) && wanted.test(type.cast(earlier))) {
				backlog.remove(earlier);
				return type.cast(earlier);
			}
		}
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			Object next = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
			if (next == null) {
				return fail("no " + what + " within " + limit + "; other events: " + backlog);
			}
			if (type.isInstance(next) && wanted.test(type.cast(next))) {
				return type.cast(next);
			}
			backlog.add(next);
		}
	}
}
