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
			// 32 arrivals in a row on this, the UI thread: the update they post cannot run in between.
			for (int port = 1; port <= 32; port++) {
				registry.deviceArrived(device(port));
			}
			assertTrue(UiWait.until(display, Duration.ofSeconds(10), () -> !applied.isEmpty()
					&& applied.get(applied.size() - 1).boards().size() == 32), "all 32 boards");
			UiWait.settle(display, Duration.ofMillis(200));
			assertEquals(2, applied.size(), "updates for one burst: " + (applied.size() - 1));
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
