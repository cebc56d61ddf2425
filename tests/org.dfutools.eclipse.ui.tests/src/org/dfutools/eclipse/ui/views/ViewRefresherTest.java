package org.dfutools.eclipse.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.device.UsbLocation;
import org.dfutools.eclipse.testsupport.UiWait;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;

/** Registry events reach the UI thread coalesced, and never after disposal. */
class ViewRefresherTest {

	private final Display display = Display.getCurrent();
	private final DeviceRegistry registry = new DeviceRegistry();
	private final List<ViewRefresher.Snapshot> applied = new ArrayList<>();

	@Test
	void aBurstOf32HotplugEventsIsOneUpdate() {
		ViewRefresher refresher = new ViewRefresher(registry, display, applied::add);
		try {
			assertTrue(UiWait.until(display, Duration.ofSeconds(10), () -> applied.size() == 1), "first snapshot");
			// 32 arrivals in a row, well inside the coalescing delay (each takes microseconds).
			long burstStart = System.nanoTime();
			for (int port = 1; port <= 32; port++) {
				registry.deviceArrived(device(port));
			}
			long burstMillis = Duration.ofNanos(System.nanoTime() - burstStart).toMillis();
			assertTrue(UiWait.until(display, Duration.ofSeconds(10), () -> !applied.isEmpty()
					&& applied.get(applied.size() - 1).boards().size() == 32), "all 32 boards");
			UiWait.settle(display, Duration.ofMillis(200));
			// One update for the burst. Only a pause inside the burst (a GC, a busy CPU) longer than the
			// coalescing delay lets the snapshot job run in the middle of it: then one more per delay it lasted.
			long allowed = 1 + burstMillis / ViewRefresher.COALESCE_DELAY_MILLIS;
			int updates = applied.size() - 1;
			assertTrue(updates >= 1 && updates <= allowed,
					"updates for one burst of " + burstMillis + " ms: " + updates + ", at most " + allowed);
		} finally {
			refresher.dispose();
		}
	}

	@Test
	void nothingArrivesAfterDispose() {
		ViewRefresher refresher = new ViewRefresher(registry, display, applied::add);
		refresher.dispose();
		registry.deviceArrived(device(1));
		UiWait.settle(display, Duration.ofMillis(200));
		assertEquals(List.of(), applied);
	}

	private static DfuDeviceRecord device(int port) {
		DfuInterface dfu = new DfuInterface(0, 1, List.of(new AltSetting(0, 0, null)),
				Optional.of(new FunctionalDescriptor(9, 0x07, 1000, 2048, 0x0110)), List.of());
		return new DfuDeviceRecord(new UsbLocation(1, "1-" + port, port + 1), new UsbId(0x1209, port), 0x0100, "", "", "",
				DeviceMode.RUNTIME, List.of(dfu), List.of());
	}
}
