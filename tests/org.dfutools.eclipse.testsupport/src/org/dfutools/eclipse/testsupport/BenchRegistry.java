package org.dfutools.eclipse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;

/** A device service of a test's own on the simulated bench, listing, with its events collected. */
public final class BenchRegistry implements AutoCloseable {

	public final DeviceRegistry registry;
	public final BoardEvents events = new BoardEvents();
	public final DfuDeviceService service;

	private final boolean owned;

	private BenchRegistry(DfuDeviceService service, boolean owned) {
		this.service = service;
		this.owned = owned;
		registry = service.registry();
		registry.addListener(events);
	}

	/** Starts USB and waits until the boards attached now are listed. */
	public static BenchRegistry start(boolean useHotplug, Duration limit) throws InterruptedException {
		return listing(new BenchRegistry(new DfuDeviceService(useHotplug), true), limit);
	}

	/**
	 * The plugin's own service (the one its view and launches use), listing; closing the result stops
	 * listening but leaves the service running.
	 */
	public static BenchRegistry ofPlugin(Duration limit) throws InterruptedException {
		return listing(new BenchRegistry(DfuCore.deviceService(), false), limit);
	}

	private static BenchRegistry listing(BenchRegistry bench, Duration limit) throws InterruptedException {
		if (bench.registry.usbStatus().state() != UsbStatus.State.LISTING) {
			bench.events.awaitStatus(status -> status.state() != UsbStatus.State.STARTING, limit, "USB status");
		}
		assertEquals(UsbStatus.LISTING, bench.registry.usbStatus());
		return bench;
	}

	/** The board attached at this port path now. */
	public Board boardAt(String port) {
		return registry.boards().stream().filter(b -> b.device().location().portPath().equals(port)).findFirst()
				.orElseThrow(() -> new AssertionError("no board on " + port + ": " + registry.boards()));
	}

	/** Plugs a board described by a bench spec in and waits until the registry has listed it; its port. */
	public String attachAndAwait(String spec, Duration limit) throws Exception {
		String port = UsbBench.attach(spec);
		events.await(e -> e.kind() == BoardEvent.Kind.ADDED && e.board().device().location().portPath().equals(port),
				limit, "ADDED on " + port);
		return port;
	}

	@Override
	public void close() {
		registry.removeListener(events);
		if (owned) {
			service.close();
		}
	}
}
