package org.dfutools.eclipse.tests.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.FlashLaunches.Outcome;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.dfutools.eclipse.testsupport.Leaks;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight identical boards (one VID:PID and one serial in both modes) flashed by one DFU Flash launch with the real
 * dfu-util: one vanishes at data block 3, one never comes back from its detach, the others are flashed. Each board's
 * memory is checked, the summary says what happened to each, no other board was touched, nothing leaks.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class ParallelFlashOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(60);
	private static final int BOARDS = 8;
	private static final int VANISHES = 2;
	private static final int NEVER_BACK = 5;

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);

	@TempDir
	Path folder;

	@Test
	void eightIdenticalBoardsAreFlashedAtOnceAndEachOneSaysWhatHappened() throws Exception {
		byte[] image = Firmware.image(64 * 1024, 19);
		Path file = Files.write(folder.resolve("rack.bin"), image);
		List<String> ports = new ArrayList<>();
		List<Path> memories = new ArrayList<>();
		try {
			for (int index = 0; index < BOARDS; index++) {
				Path memory = folder.resolve("board-" + index + ".bin");
				memories.add(memory);
				String behaviour = switch (index) {
				case VANISHES -> ", \"disconnect_at_block\": 3, \"reappear_after_disconnect\": false";
				case NEVER_BACK -> ", \"never_reenumerate\": true";
				default -> "";
				};
				ports.add(BENCH.get().attachAndAwait("""
						{"name": "rack-%d", "runtime": {"pid": "0x00f8", "serial": "RACK", "product": "Rack board"},
						 "dfu": {"pid": "0x00f9", "serial": "RACK", "alts": [{"name": "Flash", "output": "%s"}]},
						 "behaviour": {"reenumerate_delay_ms": 200%s}}
						""".formatted(Integer.valueOf(index), memory, behaviour), LIMIT));
			}
			Leaks.Snapshot before = Leaks.snapshot();
			FlashConfiguration values = FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.EVERY_WITH_ID, "1209:00f8"),
					file).applicationTimeoutSeconds("5").build();
			Outcome outcome = FlashLaunches.run(FlashLaunches.configuration("rack", values), new NullProgressMonitor(), LIMIT);
			IProcess[] processes = outcome.launch().getProcesses();
			assertEquals(1 + BOARDS, processes.length, "a summary and one process per board");
			for (IProcess process : processes) {
				FlashLaunches.awaitTermination(process, LIMIT);
			}

			String summary = outcome.output();
			assertNotNull(outcome.failure(), summary);
			assertTrue(outcome.failure().getMessage().startsWith("2 of 8 boards were not flashed"), outcome.failure().getMessage());
			assertTrue(summary.contains("Summary of 8 boards: 6 flashed, 2 failed, 0 skipped, 0 cancelled"), summary);
			for (int index = 0; index < BOARDS; index++) {
				String port = ports.get(index);
				String line = Arrays.stream(summary.split("\\R")).filter(l -> l.startsWith("  " + port + " ")).findFirst()
						.orElseThrow(() -> new AssertionError("no summary line for " + port + ": " + summary));
				if (index == VANISHES || index == NEVER_BACK) {
					assertTrue(line.contains("FAILED") && line.contains("now off the bus"), line);
					assertFalse(index == VANISHES && Files.exists(memories.get(index))
							&& Arrays.equals(image, Files.readAllBytes(memories.get(index))), "the vanished board holds the image");
				} else {
					assertTrue(line.contains("flashed") && line.contains(" 65536 bytes") && line.contains("now in run-time mode"), line);
					assertArrayEquals(image, Files.readAllBytes(memories.get(index)), port);
				}
			}
			// Each board's own console ran dfu-util on that board's port only.
			for (int index = 1; index < processes.length; index++) {
				String console = processes[index].getStreamsProxy().getOutputStreamMonitor().getContents();
				String port = ports.stream().filter(p -> console.contains("on port " + p + ",")).findFirst()
						.orElseThrow(() -> new AssertionError("no board in: " + console));
				assertTrue(index - 1 == NEVER_BACK || console.contains(" -p " + port + " "), console);
			}
			if (BenchLog.isPresent()) {
				List<String> touched = BenchLog.touchedPorts(before.startNanos());
				assertTrue(ports.containsAll(touched), "other boards were touched: " + touched + ", not only " + ports);
			}
			before.assertNothingLeaked(Duration.ofSeconds(5));
		} finally {
			for (String port : ports) {
				BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/** Cancelling the launch (its Terminate) stops every board, each one saying where it was left. */
	@Test
	void cancellingTheLaunchStopsEveryBoard() throws Exception {
		Path file = Files.write(folder.resolve("slow.bin"), Firmware.image(64 * 1024, 23));
		List<String> ports = new ArrayList<>();
		try {
			for (int index = 0; index < 3; index++) {
				// 32 blocks, 60 ms each: the downloads are still running when the launch is cancelled.
				ports.add(BENCH.get().attachAndAwait("""
						{"name": "slow-%d", "runtime": {"pid": "0x00fc", "serial": "SLOW"},
						 "dfu": {"pid": "0x00fd", "serial": "SLOW", "poll_timeout": 60}, "behaviour": {"reenumerate_delay_ms": 100}}
						""".formatted(Integer.valueOf(index)), LIMIT));
			}
			Leaks.Snapshot before = Leaks.snapshot();
			long start = System.nanoTime();
			NullProgressMonitor cancelSoon = new NullProgressMonitor() {
				@Override
				public boolean isCanceled() {
					return System.nanoTime() - start > Duration.ofMillis(1200).toNanos();
				}
			};
			FlashConfiguration values = FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.EVERY_WITH_ID, "1209:00fc"),
					file).applicationTimeoutSeconds("5").build();
			Outcome outcome = FlashLaunches.run(FlashLaunches.configuration("cancelled-rack", values), cancelSoon, LIMIT);
			for (IProcess process : outcome.launch().getProcesses()) {
				FlashLaunches.awaitTermination(process, LIMIT);
			}
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
			String summary = outcome.output();
			assertTrue(summary.contains("Summary of 3 boards: 0 flashed, 0 failed, 0 skipped, 3 cancelled"), summary);
			assertTrue(summary.contains("Left in DFU mode: " + String.join(", ", ports) + ". Start Application"), summary);
			IProcess[] processes = outcome.launch().getProcesses();
			for (int index = 1; index < processes.length; index++) {
				assertEquals(130, processes[index].getExitValue(), processes[index].getLabel());
				String errors = processes[index].getStreamsProxy().getErrorStreamMonitor().getContents();
				assertTrue(errors.contains("cancelled") && errors.contains("DFU mode"), errors);
			}
			assertTrue(millis < 6000, "the boards took " + millis + " ms to stop");
			// dfu-util was killed mid-download on each board: the kernel releases its claims as it dies.
			before.assertNothingLeakedButKilledToolsClaims(Duration.ofSeconds(5));
		} finally {
			for (String port : ports) {
				BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/** With one dfu-util run at a time (the preference) the boards take turns; a board another operation holds is skipped. */
	@Test
	void boardsTakeTurnsAndABusyBoardIsSkipped() throws Exception {
		IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID);
		preferences.putInt(DfuPreferences.PARALLEL_DFU_UTIL, 1);
		byte[] image = Firmware.image(16 * 1024, 29);
		Path file = Files.write(folder.resolve("turns.bin"), image);
		List<String> ports = new ArrayList<>();
		List<Path> memories = new ArrayList<>();
		Optional<BusyBoards.Claim> held = Optional.empty();
		try {
			for (int index = 0; index < 3; index++) {
				Path memory = folder.resolve("turn-" + index + ".bin");
				memories.add(memory);
				ports.add(BENCH.get().attachAndAwait("""
						{"name": "turn-%d", "runtime": {"pid": "0x00fe", "serial": "TURN"},
						 "dfu": {"pid": "0x00ff", "serial": "TURN", "alts": [{"name": "Flash", "output": "%s"}]},
						 "behaviour": {"reenumerate_delay_ms": 100}}
						""".formatted(Integer.valueOf(index), memory), LIMIT));
			}
			Board busy = BENCH.get().boardAt(ports.get(2));
			held = BENCH.get().service.busyBoards().claim(busy.id(), "a test", "Test: holding...");
			assertTrue(held.isPresent());
			FlashConfiguration values = FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.EVERY_WITH_ID, "1209:00fe"),
					file).applicationTimeoutSeconds("5").build();
			Outcome outcome = FlashLaunches.run(FlashLaunches.configuration("turns", values), new NullProgressMonitor(), LIMIT);
			IProcess[] processes = outcome.launch().getProcesses();
			for (IProcess process : processes) {
				FlashLaunches.awaitTermination(process, LIMIT);
			}
			String summary = outcome.output();
			assertTrue(summary.contains("dfu-util runs on at most 1 of them at a time")
					&& summary.contains("Summary of 3 boards: 2 flashed, 0 failed, 1 skipped, 0 cancelled"), summary);
			assertTrue(summary.contains("  " + ports.get(2) + " ") && summary.contains("skipped")
					&& summary.contains("is busy with a test"), summary);
			assertNotNull(outcome.failure(), "a skipped board is one not flashed");
			assertTrue(Arrays.stream(processes).skip(1).anyMatch(process -> process.getStreamsProxy().getOutputStreamMonitor()
					.getContents().contains("Waiting for a turn")), "no board waited for its turn");
			assertArrayEquals(image, Files.readAllBytes(memories.get(0)));
			assertArrayEquals(image, Files.readAllBytes(memories.get(1)));
			assertFalse(Files.exists(memories.get(2)), "the busy board was written");
		} finally {
			held.ifPresent(BusyBoards.Claim::close);
			preferences.remove(DfuPreferences.PARALLEL_DFU_UTIL);
			for (String port : ports) {
				BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}
}
