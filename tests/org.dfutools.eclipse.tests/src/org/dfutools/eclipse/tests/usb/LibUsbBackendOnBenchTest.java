package org.dfutools.eclipse.tests.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.usb.libusb.LibUsbBackend;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.dfutools.eclipse.core.device.UsbStart;

/** The libusb backend's own bookkeeping of native references, through real libusb on the bench. */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class LibUsbBackendOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(10);

	/**
	 * A board that cannot be opened yet is read again 300 ms later, holding a reference to its libusb device
	 * meanwhile. Closed within those 300 ms, the backend must still release it before libusb_exit (a cancelled
	 * scheduled task never runs its body, so the retry's own cleanup cannot be relied on).
	 */
	@Test
	void closingDuringTheRetryOfABoardThatCouldNotBeOpenedReleasesItsDevice() throws Exception {
		LibUsbBackend backend = LibUsbBackend.open();
		DeviceRegistry registry = new DeviceRegistry();
		String port = null;
		try {
			backend.start(registry, true);
			assertEquals(UsbStatus.LISTING, UsbStart.await(registry, LIMIT, new org.eclipse.core.runtime.NullProgressMonitor()));
			int before = backend.deviceReferencesHeld();
			port = UsbBench.attach("""
					{"name": "locked-at-close", "runtime": {"pid": "0x0072", "serial": "LOCK-CLOSE"},
					 "behaviour": {"open_error": "EACCES"}}
					""");
			long deadline = System.nanoTime() + LIMIT.toNanos();
			while (backend.deviceReferencesHeld() == before && System.nanoTime() - deadline < 0) {
				TimeUnit.MILLISECONDS.sleep(2);
			}
			assertTrue(backend.deviceReferencesHeld() > before, "the locked board's arrival was never seen");
			TimeUnit.MILLISECONDS.sleep(100); // its first read has failed: the retry waits now
		} finally {
			backend.close();
			if (port != null) {
				UsbBench.detach(port);
			}
		}
		assertEquals(0, backend.deviceReferencesHeld(), "libusb devices still referenced after close");
	}
}
