package org.dfutools.eclipse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.BenchmarkResults;
import org.dfutools.eclipse.testsupport.DfuUtilProcess;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wall time of one DFU Flash launch that flashes 1, 4 and 8 boards (64 KiB each, each board waiting R = 200 ms
 * before it comes back in either mode), from the launch to its last process's end. The goal: 8 boards in at most
 * 1.3 times the time of one.
 */
class ParallelFlashBenchmark {

	private static final Duration LIMIT = Duration.ofSeconds(120);
	private static final int REENUMERATION_MS = 200;
	private static final int RUNS = 5;
	private static final BenchmarkResults RESULTS = new BenchmarkResults();

	private static BenchRegistry bench;
	private static Path folder;

	@BeforeAll
	static void startUsb() throws Exception {
		bench = LoggedBench.pluginService(LIMIT);
		folder = Files.createTempDirectory("parallel-flash-benchmark");
	}

	@AfterAll
	static void report() throws IOException {
		bench.close();
		RESULTS.report("parallel-benchmarks.json");
	}

	@Test
	void oneFourAndEightBoardsInOneLaunch() throws Exception {
		byte[] image = Firmware.image(64 * 1024, 88);
		Path file = Files.write(folder.resolve("image.bin"), image);
		double one = 0;
		double eight = 0;
		for (int boards : new int[] { 1, 4, 8 }) {
			List<Double> times = new ArrayList<>();
			for (int run = 0; run < 1 + RUNS; run++) {
				List<String> ports = new ArrayList<>();
				List<Path> memories = new ArrayList<>();
				for (int index = 0; index < boards; index++) {
					Path memory = folder.resolve("board-" + boards + "-" + run + "-" + index + ".bin");
					memories.add(memory);
					ports.add(bench.attachAndAwait(String.format("{\"name\": \"parallel-bench\", \"runtime\": {\"pid\": \"0x00c2\","
							+ " \"serial\": \"PB\"}, \"dfu\": {\"pid\": \"0x00c3\", \"serial\": \"PB\", \"alts\": [{\"name\": \"Flash\","
							+ " \"output\": \"%s\"}]}, \"behaviour\": {\"reenumerate_delay_ms\": %d}}", memory, REENUMERATION_MS), LIMIT));
				}
				FlashConfiguration values = FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.PORT, String.join(", ", ports)),
						file).applicationTimeoutSeconds("30").build();
				long start = System.nanoTime();
				FlashLaunches.Outcome outcome = FlashLaunches.run(FlashLaunches.configuration("parallel", values),
						new NullProgressMonitor(), LIMIT);
				for (IProcess process : outcome.launch().getProcesses()) {
					FlashLaunches.awaitTermination(process, LIMIT);
				}
				long end = System.nanoTime();
				assertNull(outcome.failure(), () -> outcome.failure().getMessage() + outcome.output());
				for (Path memory : memories) {
					assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(memory), image.length), memory.toString());
				}
				for (String port : ports) {
					bench.events.clear();
					bench.events.detachAndAwaitRemoval(port, LIMIT);
				}
				if (run > 0) { // the first is a warm-up
					times.add((end - start) / 1e6);
				}
			}
			if (boards == 1) {
				one = RESULTS.add("DFU Flash of 1 board, 64 KiB (R = " + REENUMERATION_MS + " ms each way)", "ms", times, null, "")
						.median();
			} else {
				double median = RESULTS.add("DFU Flash of " + boards + " boards in one launch, 64 KiB each", "ms", times, one,
						boards == 8 ? "<= 1.3 x one board" : "ratio: over one board").median();
				eight = boards == 8 ? median : eight;
			}
		}
		// The bench serves every simulated board from one process: how much of that the boards' transfers share.
		double bareOne = RESULTS.add("  bare dfu-util -D on 1 DFU-mode board", "ms", bare(file, 1), null, "").median();
		double bareEight = RESULTS.add("  bare dfu-util -D on 8 DFU-mode boards at once (the bench's own parallelism)", "ms",
				bare(file, 8), bareOne, "ratio: over one").median();
		RESULTS.add("  8 boards over 1 board plus what the bench adds to 8 transfers at once", "ms", List.of(Double.valueOf(eight)),
				one + bareEight - bareOne, "ratio");
	}

	/** Bare dfu-util downloads started at once on that many boards already in DFU mode, each run's wall time. */
	private static List<Double> bare(Path file, int boards) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int run = 0; run < 1 + RUNS; run++) {
			List<String> ports = new ArrayList<>();
			for (int index = 0; index < boards; index++) {
				ports.add(bench.attachAndAwait(String.format("{\"name\": \"parallel-bare\", \"start_mode\": \"dfu\","
						+ " \"runtime\": {\"pid\": \"0x00c2\"}, \"dfu\": {\"pid\": \"0x00c3\", \"alts\": [{\"name\": \"Flash\","
						+ " \"output\": \"%s\"}]}}", folder.resolve("bare-" + boards + "-" + run + "-" + index + ".bin")), LIMIT));
			}
			// A thread per run: the common pool has one thread on two cores, which would run them one after another.
			ExecutorService threads = Executors.newFixedThreadPool(boards);
			long start = System.nanoTime();
			List<CompletableFuture<Integer>> runs = ports.stream().map(port -> CompletableFuture.supplyAsync(() -> {
				try {
					return Integer.valueOf(DfuUtilProcess.run(List.of("-p", port, "-a", "0", "-D", file.toString()), LIMIT).exitValue());
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}, threads)).toList();
			for (CompletableFuture<Integer> done : runs) {
				assertEquals(0, done.get().intValue(), "bare dfu-util -D");
			}
			long end = System.nanoTime();
			threads.shutdown();
			for (String port : ports) {
				bench.events.clear();
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
			if (run > 0) {
				times.add((end - start) / 1e6);
			}
		}
		return times;
	}
}
