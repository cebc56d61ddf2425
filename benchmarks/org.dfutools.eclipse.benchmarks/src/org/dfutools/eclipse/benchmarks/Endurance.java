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
import java.util.Locale;

import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.testsupport.HeldReboot;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.BenchmarkResults;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A day of use in minutes (./run-endurance): many Reboot to DFU cycles through the core operations and many
 * DFU Flash launches, with the JVM's file descriptors, threads and heap counted before and after. Each
 * count may grow by a small bound only; every launch must succeed and write exactly its image.
 */
class Endurance {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final int DETACH_CYCLES = Integer.getInteger("dfutools.endurance.detachCycles", 1000).intValue();
	private static final int FLASH_LAUNCHES = Integer.getInteger("dfutools.endurance.flashLaunches", 200).intValue();
	private static final int WARM_UP = 10;
	/** Growth allowed from start to end: a few descriptors or threads for caches that fill once, and some heap. */
	private static final long MAX_MORE_DESCRIPTORS = 3;
	private static final int MAX_MORE_THREADS = 3;
	private static final double MAX_MORE_HEAP_MIB = 8;
	private static final BenchmarkResults RESULTS = new BenchmarkResults();

	private static BenchRegistry bench;
	private static Path folder;

	@BeforeAll
	static void startUsb() throws Exception {
		assertTrue(UsbBench.isPresent(), "run inside testbench/usbsim (./run-endurance does)");
		bench = BenchRegistry.ofPlugin(LIMIT);
		folder = Files.createTempDirectory("dfu-endurance");
	}

	@AfterAll
	static void report() throws IOException {
		bench.close();
		RESULTS.report("endurance.json");
	}

	@Test
	void rebootToDfuAndReattachCycles() throws Exception {
		String spec = """
				{"name": "endurance", "runtime": {"pid": "0x0300", "serial": "END-1"}, "dfu": {"pid": "0x0301"},
				 "behaviour": {"reenumerate_delay_ms": 10}}
				""";
		HeldReboot reboot = new HeldReboot(bench.service, RebootToDfu.DEFAULT_ALLOWANCE);
		List<Double> cycles = new ArrayList<>();
		ProcessCounts start = null;
		for (int cycle = 0; cycle < WARM_UP + DETACH_CYCLES; cycle++) {
			if (cycle == WARM_UP) {
				start = ProcessCounts.now();
			}
			bench.events.clear();
			long begin = System.nanoTime();
			String port = bench.attachAndAwait(spec, LIMIT);
			DetachResult result = reboot.run(bench.boardAt(port), new NullProgressMonitor());
			assertEquals(DeviceMode.DFU, result.board().mode(), "cycle " + cycle);
			bench.events.detachAndAwaitRemoval(port, LIMIT);
			if (cycle >= WARM_UP) {
				cycles.add((System.nanoTime() - begin) / 1e6);
			}
		}
		ProcessCounts end = ProcessCounts.now();
		RESULTS.add("plug in, Reboot to DFU, unplug: one cycle (R = 10 ms)", "ms", cycles, null, DETACH_CYCLES + " cycles");
		assertNoGrowth("Reboot to DFU cycles", start, end);
	}

	@Test
	void consecutiveFlashLaunches() throws Exception {
		Path flashed = folder.resolve("flash.bin");
		bench.events.clear();
		String port = bench.attachAndAwait("""
				{"name": "endurance-flash", "runtime": {"pid": "0x0302", "serial": "END-2"},
				 "dfu": {"pid": "0x0303", "alts": [{"name": "Flash", "output": "%s"}]},
				 "behaviour": {"reenumerate_delay_ms": 10}}
				""".formatted(flashed), LIMIT);
		List<Double> launches = new ArrayList<>();
		ProcessCounts start = null;
		try {
			for (int launch = 0; launch < WARM_UP + FLASH_LAUNCHES; launch++) {
				if (launch == WARM_UP) {
					start = ProcessCounts.now();
				}
				// A different image each time, so that each check proves this launch's write.
				byte[] image = Firmware.image(4096, 1000 + launch);
				Path file = Files.write(folder.resolve("app.bin"), image);
				long begin = System.nanoTime();
				FlashLaunches.Outcome outcome = FlashLaunches.run(FlashLaunches.configuration("endurance", FlashConfigurationBuilder.of(
						new BoardSelector(BoardSelector.Kind.SERIAL, "END-2"), file).build()), new NullProgressMonitor(), LIMIT);
				double millis = (System.nanoTime() - begin) / 1e6;
				final int number = launch;
				assertNull(outcome.failure(), () -> "launch " + number + ": " + outcome.failure().getMessage() + outcome.output());
				assertEquals(0, outcome.exitValue(), "launch " + launch);
				assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flashed), image.length), "launch " + launch);
				assertEquals(DeviceMode.RUNTIME, bench.boardAt(port).mode(), "launch " + launch);
				// As "Remove All Terminated Launches" would: the debug UI keeps every launch and its console until then.
				DebugPlugin.getDefault().getLaunchManager().removeLaunch(outcome.launch());
				// This test holds the UI thread during a launch; let it do what it would have done meanwhile
				// (console and progress updates), as in the IDE, so that its queue is not counted as our heap.
				drainUiQueue();
				if (launch >= WARM_UP) {
					launches.add(millis);
				}
			}
		} finally {
			bench.events.detachAndAwaitRemoval(port, LIMIT);
		}
		ProcessCounts end = ProcessCounts.now();
		assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
				.map(p -> p.info().commandLine().orElse("?")).toList(), "processes left running");
		RESULTS.add("DFU Flash launch of 4 KiB, verified (R = 10 ms)", "ms", launches, null, FLASH_LAUNCHES + " launches");
		assertNoGrowth("DFU Flash launches", start, end);
	}

	private static void drainUiQueue() {
		Display display = Display.getCurrent();
		if (display != null) {
			while (display.readAndDispatch()) {
				// each call runs one queued runnable or event
			}
		}
	}

	private static void assertNoGrowth(String what, ProcessCounts start, ProcessCounts end) throws InterruptedException {
		System.out.println(what + ", start: " + start);
		System.out.println(what + ", end:   " + end);
		List<String> opened = end.newDescriptorsSince(start);
		List<String> benchSockets = BenchSockets.attribute(opened);
		List<String> ours = new ArrayList<>(opened);
		ours.removeAll(benchSockets);
		System.out.println(what + ", descriptors opened and not closed: " + ours + "; the bench's own: " + benchSockets);
		RESULTS.add("  " + what + ": open file descriptors, end - start (besides the bench's ioctl sockets)", "fd",
				List.of(Double.valueOf(ours.size())), null, "<= " + MAX_MORE_DESCRIPTORS);
		RESULTS.add("  " + what + ": umockdev ioctl sockets the bench's preload library left open", "fd",
				List.of(Double.valueOf(benchSockets.size())), null, "not a kernel resource");
		RESULTS.add("  " + what + ": threads besides job workers, end - start", "th",
				List.of(Double.valueOf(end.ownThreads() - start.ownThreads())), null, "<= " + MAX_MORE_THREADS);
		RESULTS.add("  " + what + ": heap after full GC, end - start", "MB",
				List.of(Double.valueOf(end.heapMiB() - start.heapMiB())), null, "<= " + MAX_MORE_HEAP_MIB);
		assertTrue(ours.size() <= MAX_MORE_DESCRIPTORS, what + ": descriptors " + start + " -> " + end + ", new: " + ours);
		assertTrue(end.ownThreads() - start.ownThreads() <= MAX_MORE_THREADS, what + ": threads " + start + " -> " + end);
		assertTrue(end.heapMiB() - start.heapMiB() <= MAX_MORE_HEAP_MIB,
				String.format(Locale.ROOT, "%s: heap %.1f -> %.1f MiB", what, Double.valueOf(start.heapMiB()), Double.valueOf(end.heapMiB())));
	}
}
