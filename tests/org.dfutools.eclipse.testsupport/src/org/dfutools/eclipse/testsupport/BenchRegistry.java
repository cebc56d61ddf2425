package org.dfutools.eclipse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;

/** A device service of a test's own on the simulated bench, listing, with its events collected. */
public final class BenchRegistry implements AutoCloseable {

	public final DeviceRegistry registry;
	public final BoardEvents events = new BoardEvents();
	public final DfuDeviceService service;

	private BenchRegistry(boolean useHotplug) {
		service = new DfuDeviceService(useHotplug);
		registry = service.registry();
		registry.addListener(events);
	}

	/** Starts USB and waits until the boards attached now are listed. */
	public static BenchRegistry start(boolean useHotplug, Duration limit) throws InterruptedException {
		BenchRegistry bench = new BenchRegistry(useHotplug);
		if (bench.registry.usbStatus().state() != UsbStatus.State.LISTING) {
			bench.events.awaitStatus(status -> status.state() != UsbStatus.State.STARTING, limit, "USB status");
		}
		assertEquals(UsbStatus.LISTING, bench.registry.usbStatus());
		return bench;
	}

	@Override
	public void close() {
		service.close();
	}
}
