package org.dfutools.eclipse.testsupport.fakeusb;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.dfutools.eclipse.core.device.DeviceSink;
import org.dfutools.eclipse.core.device.UsbLocation;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.usb.BusComparison;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.dfutools.eclipse.core.usb.UsbPort;

/**
 * A USB port without USB, for logic tests of what sits behind the core's port: a bus of {@link FakeBoard}s
 * that answer the DFU requests the core sends, move through DFU 1.1's states for them, and re-enumerate after
 * a detach and a reset; a device opened before it left answers no more. With hotplug, every
 * arrival and departure reaches the sink as it happens; without (libusb on Windows), only a rescan sees them,
 * and the port rescans by itself only every 3 s, as the libusb adapter does.
 */
public final class FakeUsbPort implements UsbPort {

	/** As the libusb adapter rescans where there is no hotplug. */
	private static final long PERIODIC_RESCAN_MILLIS = 3_000;

	private final boolean hotplug;
	private final boolean windows;
	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread named = new Thread(runnable, "fake USB port"); //$NON-NLS-1$
		named.setDaemon(true);
		return named;
	});
	/** The boards on the bus now; changed on the port's thread only. */
	private final List<FakeBoard> bus = new CopyOnWriteArrayList<>();
	private final List<String> requests = new CopyOnWriteArrayList<>();
	private final AtomicInteger nextAddress = new AtomicInteger(2);
	private final AtomicInteger openConnections = new AtomicInteger();
	private final AtomicBoolean closed = new AtomicBoolean();
	private volatile DeviceSink sink;
	private volatile boolean listening;

	public FakeUsbPort(boolean hotplug, boolean windows) {
		this.hotplug = hotplug;
		this.windows = windows;
	}

	/** Plugs a board in; with hotplug the sink hears of it at once, else at the next rescan. */
	public FakeBoard attach(FakeBoard.Spec spec, String portPath) {
		FakeBoard board = new FakeBoard(this, spec, portPath);
		run(() -> arrive(board));
		return board;
	}

	/** The board is pulled out: it leaves the bus until {@link #plugBackIn(FakeBoard)}. */
	public void pullOut(FakeBoard board) {
		run(() -> depart(board));
	}

	/** A board pulled out is plugged in again, on the same port, as a new device. */
	public void plugBackIn(FakeBoard board) {
		run(() -> arrive(board));
	}

	/** The boards on the bus now (not those off it while they re-enumerate). */
	public List<FakeBoard> boards() {
		return List.copyOf(bus);
	}

	/** Every request any connection sent, in order, as "DETACH wValue=1000" and the like. */
	public List<String> requests() {
		return List.copyOf(requests);
	}

	public int openConnections() {
		return openConnections.get();
	}

	public boolean isClosed() {
		return closed.get();
	}

	@Override
	public void start(DeviceSink deviceSink, boolean useHotplug) {
		sink = deviceSink;
		listening = hotplug && useHotplug;
		run(() -> {
			compareWithBus();
			sink.setUsbStatus(UsbStatus.LISTING);
		});
		if (!followsHotplug()) {
			thread.scheduleWithFixedDelay(this::compareWithBus, PERIODIC_RESCAN_MILLIS, PERIODIC_RESCAN_MILLIS,
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public boolean followsHotplug() {
		return listening;
	}

	@Override
	public boolean onWindows() {
		return windows;
	}

	@Override
	public void rescan() {
		run(this::compareWithBus);
	}

	@Override
	public void refresh() {
		rescan();
	}

	@Override
	public UsbConnection open(UsbLocation location) throws UsbException {
		if (closed.get()) {
			throw new UsbException(UsbException.Kind.CLOSED, "the fake port is closed"); //$NON-NLS-1$
		}
		Optional<FakeBoard> board = bus.stream().filter(b -> b.location().deviceKey().equals(location.deviceKey()))
				.findFirst();
		if (board.isEmpty()) {
			throw new UsbException(UsbException.Kind.NO_DEVICE, "no device at " + location); //$NON-NLS-1$
		}
		openConnections.incrementAndGet();
		return new FakeConnection(board.get(), this);
	}

	@Override
	public void close() {
		closed.set(true);
		thread.shutdownNow();
	}

	void request(String text) {
		requests.add(text);
	}

	void connectionClosed() {
		openConnections.decrementAndGet();
	}

	/** The board leaves the bus now, and comes back as {@code next} after {@code delayMillis} (never when null). */
	void reenumerate(FakeBoard board, Runnable next, long delayMillis) {
		run(() -> depart(board));
		if (next != null && !closed.get()) {
			try {
				thread.schedule(() -> {
					next.run();
					arrive(board);
				}, delayMillis, TimeUnit.MILLISECONDS);
			} catch (java.util.concurrent.RejectedExecutionException e) {
				// closed meanwhile: the bus is gone
			}
		}
	}

	int newAddress() {
		return nextAddress.getAndIncrement();
	}

	private void arrive(FakeBoard board) {
		board.enumerated(newAddress());
		bus.add(board);
		if (listening && sink != null) {
			sink.deviceArrived(board.record());
		}
	}

	private void depart(FakeBoard board) {
		if (bus.remove(board) && listening && sink != null) {
			sink.deviceLeft(board.location());
		}
	}

	/** What the libusb adapter's rescan does, with the same comparison. */
	private void compareWithBus() {
		if (sink == null) {
			return;
		}
		BusComparison.compare(sink, List.copyOf(bus), FakeBoard::location, board -> Optional.of(board.record()), false);
	}

	private void run(Runnable task) {
		try {
			if (!closed.get()) {
				thread.execute(task);
			}
		} catch (java.util.concurrent.RejectedExecutionException e) {
			// closed meanwhile: the bus is gone
		}
	}
}
