package org.dfutools.eclipse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.UsbBench;

/** The simulated bench with its event log, as the DFU Flash benchmarks need it. */
final class LoggedBench {

	private LoggedBench() {
	}

	/**
	 * The plugin's own device service (the one its launches use), listing; fails unless the benchmarks run inside
	 * testbench/usbsim with a log.
	 */
	static BenchRegistry pluginService(Duration limit) throws InterruptedException {
		assertTrue(UsbBench.isPresent() && BenchLog.isPresent(),
				"run the benchmarks inside testbench/usbsim with a log (./run-benchmarks does)");
		return BenchRegistry.ofPlugin(limit);
	}
}
