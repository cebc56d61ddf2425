package org.dfutools.eclipse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.launch.SaveLaunchConfiguration;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.BenchmarkResults;
import org.dfutools.eclipse.testsupport.DfuUtilProcess;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DFU Flash chain (a whole launch: checks, reboot to DFU, dfu-util download, return to the
 * application) against its unavoidable parts: the board's own re-enumeration times, into DFU mode and
 * back (from the moment it leaves the bus to the moment the bench has enumerated it again, read from the
 * bench's log for each run; the bench board waits R = 200 ms before it comes back) plus a bare
 * "dfu-util -D" of the same file on the board already in DFU mode. Beside it, dfu-util's one-line flow
 * from run-time mode with its default detach delay.
 */
class DfuFlashBenchmark {

	private static final Duration LIMIT = Duration.ofSeconds(60);
	private static final int REENUMERATION_MS = 200;
	private static final int RUNS = 9;
	private static final int ONE_LINE_RUNS = 2;
	private static final BenchmarkResults RESULTS = new BenchmarkResults();
	private static final Predicate<BenchLog.Event> CONNECT = event -> event.name().equals("connect");
	private static final Predicate<BenchLog.Event> CLAIM = event -> event.name().equals("claim");
	private static final Predicate<BenchLog.Event> DFU_DETACH = event -> event.name().equals("setup")
			&& event.line().contains("\"bmRequestType\":33,\"bRequest\":0,");

	private static BenchRegistry bench;
	private static Path folder;

	@BeforeAll
	static void startUsb() throws Exception {
		bench = LoggedBench.pluginService(LIMIT);
		folder = Files.createTempDirectory("dfu-flash-benchmark");
	}

	@AfterAll
	static void report() throws IOException {
		bench.close();
		RESULTS.report("flash-benchmarks.json");
	}

	@Test
	void chainBesideItsUnavoidableParts() throws Exception {
		for (int kib : new int[] { 64, 1024 }) {
			byte[] image = Firmware.image(kib * 1024, kib);
			Path file = Files.write(folder.resolve("image-" + kib + ".bin"), image);
			List<Double> chain = new ArrayList<>();
			List<Double> reenumeration = new ArrayList<>();
			List<Double> bare = new ArrayList<>();
			List<Double> oneLine = new ArrayList<>();
			List<ChainSplit> splits = new ArrayList<>();
			List<Double> bareStartup = new ArrayList<>();
			// Chain and bare runs alternate, so that the machine's slower and faster moments fall on both alike.
			for (int run = 0; run < 1 + RUNS; run++) {
				Path flash = folder.resolve("flash-" + kib + "-" + run + ".bin");
				String port = attach("runtime", flash);
				// A saved configuration, as the Run menu launches it: the clock starts at the launch.
				ILaunchConfigurationWorkingCopy configuration = FlashLaunches.configuration("bench", FlashConfigurationBuilder.of(
						new BoardSelector(BoardSelector.Kind.PORT, port), file).applicationTimeoutSeconds("30").build());
				long start = System.nanoTime();
				FlashLaunches.Outcome outcome = FlashLaunches.run(configuration, new NullProgressMonitor(), LIMIT);
				long end = System.nanoTime();
				assertNull(outcome.failure(), () -> outcome.failure().getMessage() + outcome.output());
				List<Duration> both = BenchLog.reenumerations(port, start, end);
				assertEquals(2, both.size(), "re-enumerations in the bench's log: " + both);
				assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flash), image.length));
				assertEquals(DeviceMode.RUNTIME, bench.boardAt(port).mode());
				detach(port);

				Path bareFlash = folder.resolve("bare-" + kib + "-" + run + ".bin");
				String barePort = attach("dfu", bareFlash);
				long bareStart = System.nanoTime();
				int status = DfuUtilProcess.run(List.of("-p", barePort, "-a", "0", "-D", file.toString()), LIMIT).exitValue();
				long bareEnd = System.nanoTime();
				assertEquals(0, status, "bare dfu-util -D");
				assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(bareFlash), image.length));
				detach(barePort);
				if (run > 0) { // the first is a warm-up
					splits.add(ChainSplit.of(port, start, end));
					bareStartup.add(millisAfter(bareStart, firstAfter(BenchLog.events(barePort), bareStart, CLAIM)));
					chain.add((end - start) / 1e6);
					reenumeration.add(both.stream().mapToLong(Duration::toNanos).sum() / 1e6);
					bare.add((bareEnd - bareStart) / 1e6);
				}
			}
			for (int run = 0; run < ONE_LINE_RUNS; run++) {
				Path flash = folder.resolve("one-line-" + kib + "-" + run + ".bin");
				String port = attach("runtime", flash);
				String keyBefore = bench.boardAt(port).device().location().deviceKey();
				long start = System.nanoTime();
				int status = DfuUtilProcess.run(List.of("-d", "1209:00c0,1209:00c1", "-p", port, "-a", "0", "-D", file.toString(), "-R"),
						LIMIT).exitValue();
				double millis = (System.nanoTime() - start) / 1e6;
				assertTrue(status == 0 || status == 251, "dfu-util one-line flow exited " + status);
				assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flash), image.length));
				// dfu-util does not wait for the application: let it come back before unplugging the board.
				bench.events.await(e -> e.kind() != BoardEvent.Kind.REMOVED && e.board().mode() == DeviceMode.RUNTIME
						&& e.board().device().location().portPath().equals(port) && !e.board().device().location()
								.deviceKey().equals(keyBefore), LIMIT, "the application back on " + port);
				detach(port);
				oneLine.add(millis);
			}
			double bareMedian = BenchmarkResults.median(bare);
			double reenumerationMedian = BenchmarkResults.median(reenumeration);
			double chainMedian = RESULTS.add("DFU Flash chain, " + kib + " KiB (R = " + REENUMERATION_MS + " ms each way)",
					"ms", chain, reenumerationMedian + bareMedian, "<= 1.05 x (re-enumerations + bare)").median();
			RESULTS.add("  the board's two re-enumerations (bench log), " + kib + " KiB runs", "ms", reenumeration,
					2.0 * REENUMERATION_MS, "ratio: over 2 R");
			RESULTS.add("  bare dfu-util -D on the DFU-mode board, " + kib + " KiB", "ms", bare, null, "");
			RESULTS.add("  chain over 2 R + bare (R as configured, bench enumeration counted as overhead)", "ms", chain,
					2.0 * REENUMERATION_MS + bareMedian, "");
			// Where the chain's time beyond the board's own goes, read from the bench's log.
			RESULTS.add("  of the chain: launch to DFU_DETACH (checks), " + kib + " KiB", "ms",
					splits.stream().map(ChainSplit::toDetach).toList(), null, "");
			RESULTS.add("  of the chain: DFU mode on the bus to dfu-util's first request, " + kib + " KiB", "ms",
					splits.stream().map(ChainSplit::dfuModeToDfuUtil).toList(), BenchmarkResults.median(bareStartup),
					"ratio: over bare dfu-util's start to its first request");
			RESULTS.add("  of the chain: application on the bus to the launch's end, " + kib + " KiB", "ms",
					splits.stream().map(ChainSplit::backToEnd).toList(), null, "");
			RESULTS.add("  dfu-util -D ... -R from run-time mode (default 5 s detach delay), " + kib + " KiB", "ms",
					oneLine, chainMedian, "");
		}
	}

	/**
	 * Save Firmware from Board of a DfuSe board's whole 1 MiB flash, from run-time mode, into a .dfu file, against its
	 * unavoidable parts: the board's two re-enumerations (bench log) and a bare "dfu-util -s 0x08000000:1048576 -U" on
	 * the board already in DFU mode.
	 */
	@Test
	void saveBesideItsUnavoidableParts() throws Exception {
		byte[] memory = Firmware.image(1024 * 1024, 77);
		Path initial = Files.write(folder.resolve("save-initial.bin"), memory);
		List<Double> save = new ArrayList<>();
		List<Double> reenumeration = new ArrayList<>();
		List<Double> bare = new ArrayList<>();
		for (int run = 0; run < 1 + RUNS; run++) {
			String port = attachDfuSe("runtime", initial);
			Path saved = folder.resolve("saved-" + run + ".dfu");
			long start = System.nanoTime();
			FlashLaunches.Outcome outcome = FlashLaunches.run(FlashLaunches.save(new SaveLaunchConfiguration.Values(
					new BoardSelector(BoardSelector.Kind.PORT, port), "0", "", "", saved.toString())), new NullProgressMonitor(), LIMIT);
			long end = System.nanoTime();
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + outcome.output());
			List<Duration> both = BenchLog.reenumerations(port, start, end);
			assertEquals(2, both.size(), "re-enumerations in the bench's log: " + both);
			// The DfuSe file's one element: its prefix (11 bytes), the target's (274) and the element's header (8) come first.
			assertArrayEquals(memory, Arrays.copyOfRange(Files.readAllBytes(saved), 293, 293 + memory.length), "the saved element");
			detach(port);

			String barePort = attachDfuSe("dfu", initial);
			Path bareFile = folder.resolve("bare-saved-" + run + ".bin");
			long bareStart = System.nanoTime();
			int status = DfuUtilProcess.run(List.of("-p", barePort, "-a", "0", "-s", "0x08000000:1048576", "-U", bareFile.toString()),
					LIMIT).exitValue();
			long bareEnd = System.nanoTime();
			assertEquals(0, status, "bare dfu-util -U");
			assertArrayEquals(memory, Files.readAllBytes(bareFile));
			detach(barePort);
			if (run > 0) { // the first is a warm-up
				save.add((end - start) / 1e6);
				reenumeration.add(both.stream().mapToLong(Duration::toNanos).sum() / 1e6);
				bare.add((bareEnd - bareStart) / 1e6);
			}
		}
		double bareMedian = BenchmarkResults.median(bare);
		RESULTS.add("Save Firmware from Board, DfuSe 1 MiB to .dfu (R = " + REENUMERATION_MS + " ms each way)", "ms", save,
				BenchmarkResults.median(reenumeration) + bareMedian, "ratio: over re-enumerations + bare");
		RESULTS.add("  the board's two re-enumerations (bench log), save runs", "ms", reenumeration, 2.0 * REENUMERATION_MS,
				"ratio: over 2 R");
		RESULTS.add("  bare dfu-util -s 0x08000000:1048576 -U on the DFU-mode board", "ms", bare, null, "");
	}

	/**
	 * The parts of one chain run that are the chain's own, from the bench's log (its clock is System.nanoTime's):
	 * from the launch to the DFU_DETACH request, from the DFU-mode board's arrival to dfu-util's first claim of it,
	 * and from the application's arrival to the launch's end.
	 */
	private record ChainSplit(double toDetach, double dfuModeToDfuUtil, double backToEnd) {

		static ChainSplit of(String port, long start, long end) throws IOException {
			List<BenchLog.Event> events = BenchLog.events(port);
			long dfuMode = nanos(firstAfter(events, start, CONNECT));
			long back = nanos(firstAfter(events, dfuMode + 1_000, CONNECT)); // the log counts microseconds
			return new ChainSplit(millisAfter(start, firstAfter(events, start, DFU_DETACH)),
					millisAfter(dfuMode, firstAfter(events, dfuMode, CLAIM)), (end - back) / 1e6);
		}
	}

	private static long nanos(BenchLog.Event event) {
		return TimeUnit.MICROSECONDS.toNanos(event.micros());
	}

	private static BenchLog.Event firstAfter(List<BenchLog.Event> events, long fromNanos, Predicate<BenchLog.Event> wanted) {
		long from = TimeUnit.NANOSECONDS.toMicros(fromNanos);
		return events.stream().filter(event -> event.micros() >= from && wanted.test(event)).findFirst()
				.orElseThrow(() -> new AssertionError("not in the bench's log after " + from + " µs"));
	}

	private static double millisAfter(long fromNanos, BenchLog.Event event) {
		return (nanos(event) - fromNanos) / 1e6;
	}

	private static String attach(String startMode, Path flash) throws Exception {
		bench.events.clear();
		return bench.attachAndAwait(String.format("{\"name\": \"flash-bench\", \"start_mode\": \"%s\","
				+ " \"runtime\": {\"pid\": \"0x00c0\"}, \"dfu\": {\"pid\": \"0x00c1\", \"alts\": [{\"name\": \"Flash\","
				+ " \"output\": \"%s\"}]}, \"behaviour\": {\"reenumerate_delay_ms\": %d}}", startMode, flash,
				REENUMERATION_MS), LIMIT);
	}

	private static String attachDfuSe(String startMode, Path memory) throws Exception {
		bench.events.clear();
		return bench.attachAndAwait(String.format("{\"name\": \"save-bench\", \"start_mode\": \"%s\","
				+ " \"runtime\": {\"vid\": \"0x0483\", \"pid\": \"0x57f0\", \"functional\": {\"attributes\": \"0x0b\","
				+ " \"version\": \"0x011a\"}}, \"dfu\": {\"vid\": \"0x0483\", \"pid\": \"0xdff1\", \"functional\":"
				+ " {\"attributes\": \"0x0b\", \"version\": \"0x011a\"}, \"alts\": [{\"name\":"
				+ " \"@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg\", \"upload_file\": \"%s\"}]},"
				+ " \"behaviour\": {\"reenumerate_delay_ms\": %d}}", startMode, memory, REENUMERATION_MS), LIMIT);
	}

	private static void detach(String port) throws Exception {
		bench.events.clear();
		bench.events.detachAndAwaitRemoval(port, LIMIT);
	}
}
