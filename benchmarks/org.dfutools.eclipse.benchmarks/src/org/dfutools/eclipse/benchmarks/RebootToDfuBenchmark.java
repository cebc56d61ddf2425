package org.dfutools.eclipse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.mode.RebootToDfuOperation;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.BenchmarkResults;
import org.dfutools.eclipse.testsupport.DfuUtilProcess;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reboot to DFU against boards that re-enumerate R ms after the reset, beside dfu-util: "dfu-util -e"
 * followed by polling "dfu-util -l", and dfu-util's own flow (detach, then its fixed 5 s delay).
 * Times run from the command to the DFU-mode device being listed (read, so openable).
 */
class RebootToDfuBenchmark {

	private static final OperationPreferences PREFERENCES = new OperationPreferences("", RebootToDfu.DEFAULT_ALLOWANCE, //$NON-NLS-1$
			Duration.ofMinutes(1));

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final int RUNS = 5;
	private static final int DFU_UTIL_FLOW_RUNS = 2;
	private static final BenchmarkResults RESULTS = new BenchmarkResults();

	private static BenchRegistry bench;

	@BeforeAll
	static void startUsb() throws Exception {
		assertTrue(UsbBench.isPresent(), "run the benchmarks inside testbench/usbsim (./run-benchmarks does)");
		bench = BenchRegistry.start(true, LIMIT);
	}

	@AfterAll
	static void report() throws IOException {
		bench.close();
		RESULTS.report("reboot-benchmarks.json");
	}

	@Test
	void rebootToDfuBesideDfuUtil() throws Exception {
		for (int r : new int[] { 50, 200, 1000 }) {
			List<Double> ours = new ArrayList<>();
			List<Double> dfuUtilPolling = new ArrayList<>();
			List<Double> dfuUtilFlow = new ArrayList<>();
			for (int run = 0; run < 1 + RUNS; run++) {
				String port = attach(r);
				long start = System.nanoTime();
				// The operation the view's Reboot to DFU runs: the board chosen, held, rebooted and followed.
				ModeReport result = new RebootToDfuOperation(bench.service, PREFERENCES, DfuUtilConsole.NONE, BoardChoice.exactly(boardAt(port)))
						.execute(new NullProgressMonitor());
				double millis = (System.nanoTime() - start) / 1e6;
				assertEquals(DeviceMode.DFU, result.board().mode());
				detach(port);
				if (run > 0) {
					ours.add(millis);
				}
			}
			for (int run = 0; run < 1 + RUNS; run++) {
				String port = attach(r);
				long start = System.nanoTime();
				assertEquals(0, DfuUtilProcess.run(List.of("-e", "-p", port), LIMIT).exitValue(), "dfu-util -e");
				while (!DfuUtilProcess.run(List.of("-l", "-p", port), LIMIT).output().contains("Found DFU:")) {
					assertTrue(System.nanoTime() - start < LIMIT.toNanos(), "dfu-util -l never found the DFU device");
				}
				double millis = (System.nanoTime() - start) / 1e6;
				detach(port);
				if (run > 0) {
					dfuUtilPolling.add(millis);
				}
			}
			for (int run = 0; run < DFU_UTIL_FLOW_RUNS; run++) {
				String port = attach(r);
				Path upload = Files.createTempFile("dfu-upload", ".bin");
				Files.delete(upload);
				long start = System.nanoTime();
				DfuUtilProcess.Result flow = DfuUtilProcess.run(List.of("-p", port, "-a", "0", "-Z", "1", "-U", upload.toString()),
						LIMIT);
				double millis = (System.nanoTime() - start) / 1e6;
				assertEquals(0, flow.exitValue(), flow.output());
				dfuUtilFlow.add(millis);
				Files.deleteIfExists(upload);
				detach(port);
			}
			double oursMedian = RESULTS.add("Reboot to DFU, R = " + r + " ms: command to DFU mode listed", "ms", ours,
					(double) r, "<= R + 100 ms").median();
			RESULTS.add("  margin over R = " + r + " ms", "ms", ours.stream().map(ms -> ms - r).toList(), null,
					"<= 100 ms");
			RESULTS.add("  dfu-util -e, then polling dfu-util -l (R = " + r + ")", "ms", dfuUtilPolling, oursMedian, "");
			RESULTS.add("  dfu-util's own flow: detach, fixed 5 s, open, 1-byte upload (R = " + r + ")", "ms",
					dfuUtilFlow, oursMedian, "");
		}
	}

	private static String attach(int reenumerationMs) throws Exception {
		bench.events.clear(); // what the last run left behind is not about this board
		return bench.attachAndAwait(String.format(
				"{\"name\": \"r%d\", \"runtime\": {\"pid\": \"0x00b0\"}, \"dfu\": {\"pid\": \"0x00b1\"},"
						+ " \"behaviour\": {\"reenumerate_delay_ms\": %d}}",
				reenumerationMs, reenumerationMs), LIMIT);
	}

	/** Unplugs the board; waits for the registry to see it go when the registry had it. */
	private static void detach(String port) throws Exception {
		boolean listed = bench.registry.boards().stream().anyMatch(b -> b.device().location().portPath().equals(port));
		bench.events.clear();
		if (listed) {
			bench.events.detachAndAwaitRemoval(port, LIMIT);
		} else {
			UsbBench.detach(port);
		}
	}

	private static Board boardAt(String port) {
		return bench.boardAt(port);
	}
}
