package org.dfutools.eclipse.tests.faults;

import static org.dfutools.eclipse.tests.faults.FaultBench.LIMIT;
import static org.dfutools.eclipse.tests.faults.FaultBench.assertFailedWith;
import static org.dfutools.eclipse.tests.faults.FaultBench.assertNothingLeft;
import static org.dfutools.eclipse.tests.faults.FaultBench.flash;
import static org.dfutools.eclipse.tests.faults.FaultBench.launch;
import static org.dfutools.eclipse.tests.faults.FaultBench.removeIfPresent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.Leaks;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.dfutools.eclipse.tests.faults.FaultBench.Run;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite, board side: a board pulled out at every step of a DFU Flash, a board that STALLs every
 * request, boards with garbage descriptors, and 32 boards reconnecting while another is flashed. Each case
 * ends within its bound with its own message and leaves nothing behind.
 */
@EnabledIfEnvironmentVariable(named = BenchLog.VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim --log")
class BoardFaultsOnBenchTest {

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);

	@TempDir
	Path folder;

	private Leaks.Snapshot before;

	@BeforeEach
	void noteWhatIsOpen() {
		before = Leaks.snapshot();
	}

	@Test
	void pulledOutDuringTheRuntimeGetStatus() throws Exception {
		pulledOut("F-GS", "0x0200", "\"unplug_at\": \"runtime_getstatus\"", 4096, 5, 5_000, "DFU_GETSTATUS failed");
	}

	/**
	 * The same, on a bus that reports the removal a second after the node is gone (a slow hub, a busy host): the
	 * failure does not take the board the registry still lists for one in run-time mode.
	 */
	@Test
	void pulledOutDuringTheRuntimeGetStatusAndReportedLate() throws Exception {
		String port = attach("F-GS-LATE", "0x0214", "\"unplug_at\": \"runtime_getstatus\", \"remove_event_delay_ms\": 1500");
		String id = BENCH.get().boardAt(port).id();
		try {
			Run run = launch(flash("F-GS-LATE", image(4096), 5), new NullProgressMonitor());
			assertFailedWith(run, 5_000, "DFU_GETSTATUS failed", "The board is not on the bus now.");
			assertNothingLeft(before, id);
		} finally {
			// The bus reports the removal late: the next test starts once it has.
			long deadline = System.nanoTime() + LIMIT.toNanos();
			while (DfuCore.deviceService().registry().board(id).isPresent() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			removeIfPresent(BENCH.get(), port);
		}
	}

	@Test
	void pulledOutWhileItReenumeratesIntoDfuMode() throws Exception {
		IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID);
		preferences.putInt(DfuPreferences.REENUMERATION_ALLOWANCE_MS, 1000);
		try {
			// The bound is the board's own: its detach timeout (1000 ms) plus the allowance.
			pulledOut("F-WAIT", "0x0202", "\"unplug_at\": \"dfu_reenumeration\", \"reenumerate_delay_ms\": 800", 4096, 5,
					1000 + 1000 + 2_000, "did not come back within 2000 ms");
		} finally {
			preferences.remove(DfuPreferences.REENUMERATION_ALLOWANCE_MS);
		}
	}

	/** 64 KiB in blocks of 2048 bytes: 32 blocks, so block 3 is at 10% and block 28 at 90%. */
	@Test
	void pulledOutAtTenPercentOfTheDownload() throws Exception {
		pulledOut("F-10", "0x0204", "\"unplug_at_block\": 3", 64 * 1024, 5, 10_000, "exit status 74", "lost during the transfer");
	}

	@Test
	void pulledOutAtNinetyPercentOfTheDownload() throws Exception {
		pulledOut("F-90", "0x0206", "\"unplug_at_block\": 28", 64 * 1024, 5, 10_000, "exit status 74", "lost during the transfer");
	}

	@Test
	void pulledOutDuringManifestation() throws Exception {
		pulledOut("F-MAN", "0x0208", "\"unplug_at\": \"manifestation\", \"manifest_ms\": 600", 4096, 5, 10_000,
				"exit status 74", "unable to read DFU status after completion");
	}

	@Test
	void pulledOutWhileTheApplicationStarts() throws Exception {
		pulledOut("F-APP", "0x020a", "\"unplug_at\": \"application_reenumeration\", \"reenumerate_delay_ms\": 600", 4096, 2,
				2_000 + 5_000, "did not come back in run-time mode within 2 s");
	}

	/**
	 * Flashes a board that the bench pulls out at the point its {@code behaviour} names: the launch fails within
	 * {@code boundMillis}, says {@code phrases} and that the board is gone, and leaves nothing behind.
	 */
	private void pulledOut(String serial, String pid, String behaviour, int imageSize, int applicationSeconds,
			long boundMillis, String... phrases) throws Exception {
		String port = attach(serial, pid, behaviour);
		String id = BENCH.get().boardAt(port).id();
		try {
			Run run = launch(flash(serial, image(imageSize), applicationSeconds), new NullProgressMonitor());
			assertFailedWith(run, boundMillis, phrases);
			assertFailedWith(run, boundMillis, "The board is not on the bus now.");
			assertNothingLeft(before, id);
		} finally {
			removeIfPresent(BENCH.get(), port);
		}
	}

	@Test
	void aBoardThatStallsEveryRequestIsListedAndRefusesTheDetach() throws Exception {
		String port = BENCH.get().attachAndAwait("""
				{"name": "f-stall", "runtime": {"pid": "0x020c", "serial": "F-STALL"}, "dfu": {"pid": "0x020d"},
				 "behaviour": {"stall_everything": true}}
				""", LIMIT);
		Board board = BENCH.get().boardAt(port);
		try {
			assertEquals("", board.device().serial(), "its serial cannot be read");
			assertTrue(board.device().problems().stream().anyMatch(p -> p.kind() == DeviceProblem.Kind.STRING_READ_FAILED),
					board.device().problems().toString());
			long start = System.nanoTime();
			FlashConfiguration byPort = FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.PORT, port), image(4096))
					.applicationTimeoutSeconds("5").build();
			Run run = launch(byPort, new NullProgressMonitor());
			assertFailedWith(run, 5_000, "refused", "run-time mode");
			assertTrue(BenchLog.events(port).stream().noneMatch(e -> e.micros() >= TimeUnit.NANOSECONDS.toMicros(start)
					&& e.isHostReset()), "a refused detach must not be followed by a reset");
			assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode());
			assertNothingLeft(before, board.id());
		} finally {
			removeIfPresent(BENCH.get(), port);
		}
	}

	@Test
	void garbageDescriptorsAreProblemsOnTheirRowAndStopNothingElse() throws Exception {
		// 1. A descriptor of length 0 after the DFU interface: the kernel keeps the configuration up to it.
		String cut = BENCH.get().attachAndAwait("""
				{"name": "f-zero", "runtime": {"pid": "0x020e", "serial": "F-ZERO",
				  "raw_configuration": "0902140001010080320904000000fe0101000000"}}
				""", LIMIT);
		// 2. A functional descriptor 5 bytes long, then a stray vendor descriptor.
		String malformed = BENCH.get().attachAndAwait("""
				{"name": "f-short", "runtime": {"pid": "0x0210", "serial": "F-SHORT",
				  "raw_configuration": "09021b0001010080320904000000fe01010005210be80304ffdead"}}
				""", LIMIT);
		// 3. A good board after them: the registry still works.
		String good = BENCH.get().attachAndAwait("""
				{"name": "f-good", "runtime": {"pid": "0x0212", "serial": "F-GOOD"}}
				""", LIMIT);
		try {
			Board zero = BENCH.get().boardAt(cut);
			assertTrue(zero.device().problems().stream().anyMatch(p -> p.kind() == DeviceProblem.Kind.NO_FUNCTIONAL_DESCRIPTOR),
					zero.device().problems().toString());
			Board shortOne = BENCH.get().boardAt(malformed);
			assertTrue(shortOne.device().problems().stream().anyMatch(p -> p.kind() == DeviceProblem.Kind.MALFORMED_DESCRIPTOR),
					shortOne.device().problems().toString());
			assertTrue(shortOne.device().functional().isEmpty(), "a 5-byte functional descriptor was taken for one");
			assertEquals("F-GOOD", BENCH.get().boardAt(good).device().serial());
			// Without a functional descriptor a board is flashed as dfu-util would do it, and the console says so.
			for (String serial : List.of("F-ZERO", "F-SHORT")) {
				Run run = launch(flash(serial, image(4096), 5), new NullProgressMonitor());
				assertNull(run.outcome().failure(), run::message);
				assertTrue(run.outcome().output().contains("has no valid DFU functional descriptor"), run::message);
			}
			assertNothingLeft(before, shortOne.id());
		} finally {
			removeIfPresent(BENCH.get(), good);
			removeIfPresent(BENCH.get(), malformed);
			removeIfPresent(BENCH.get(), cut);
		}
	}

	@Test
	void thirtyTwoBoardsReconnectingDuringAFlashAreNotTouched() throws Exception {
		List<String> others = new ArrayList<>();
		for (int index = 0; index < 32; index++) {
			others.add(UsbBench.attach(crowd(index)));
		}
		for (String port : others) {
			BENCH.get().events.await(e -> e.kind() == BoardEvent.Kind.ADDED && e.board().device().location().portPath().equals(port),
					LIMIT, "ADDED on " + port);
		}
		Path flashed = folder.resolve("flash.bin");
		String port = BENCH.get().attachAndAwait("""
				{"name": "f-target", "runtime": {"pid": "0x0220", "serial": "F-TARGET"},
				 "dfu": {"pid": "0x0221", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(flashed), LIMIT);
		String id = BENCH.get().boardAt(port).id();
		byte[] firmware = Firmware.image(1024 * 1024, 220);
		Path file = Files.write(folder.resolve("big.bin"), firmware);
		long start = System.nanoTime();
		long[] reconnected = new long[1];
		Thread crowd = new Thread(() -> reconnect(others, reconnected), "reconnecting crowd");
		Runnable startCrowdWhenFlashing = () -> {
			if (BENCH.get().service.busyBoards().status(id).filter("Flashing..."::equals).isPresent() && !crowd.isAlive()
					&& reconnected[0] == 0) {
				crowd.start();
			}
		};
		BENCH.get().service.busyBoards().addListener(startCrowdWhenFlashing);
		Run run;
		try {
			run = launch(flash("F-TARGET", file, 10), new NullProgressMonitor());
		} finally {
			BENCH.get().service.busyBoards().removeListener(startCrowdWhenFlashing);
		}
		long ended = System.nanoTime();
		crowd.join(LIMIT.toMillis());
		try {
			assertNull(run.outcome().failure(), run::message);
			assertArrayEquals(firmware, Files.readAllBytes(flashed));
			assertTrue(reconnected[0] > 0 && reconnected[0] < ended, "the 32 boards did not reconnect during the flash");
			// Only the flashed board saw a claim, a reset or a DFU request.
			assertEquals(List.of(port), BenchLog.touchedPorts(start));
			for (int index = 0; index < 32; index++) {
				String serial = "CROWD-" + index;
				assertTrue(BENCH.get().registry.boards().stream().anyMatch(b -> b.device().serial().equals(serial)),
						serial + " is not listed again");
			}
			assertNothingLeft(before, id);
		} finally {
			removeIfPresent(BENCH.get(), port);
			// Only the crowd: the bench's default board stays, as later test JVMs need one board at their start
			// (usb4java's libusb 1.0.22 decides at its start, from the first device in sysfs, how to read descriptors).
			for (String line : UsbBench.list()) {
				if (line.contains("name=crowd")) {
					removeIfPresent(BENCH.get(), line.split(" ")[0]);
				}
			}
		}
	}

	private static void reconnect(List<String> ports, long[] done) {
		try {
			for (String port : ports) {
				UsbBench.detach(port);
			}
			for (int index = 0; index < ports.size(); index++) {
				UsbBench.attach(crowd(index));
			}
			done[0] = System.nanoTime();
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static String crowd(int index) {
		return """
				{"name": "crowd", "runtime": {"pid": "0x0230", "serial": "CROWD-%d"}, "dfu": {"pid": "0x0231"}}
				""".formatted(Integer.valueOf(index));
	}

	private String attach(String serial, String pid, String behaviour) throws Exception {
		return BENCH.attach("""
				{"name": "%s", "runtime": {"pid": "%s", "serial": "%s"}, "dfu": {"pid": "%s"}, "behaviour": {%s}}
				""".formatted(serial, pid, serial, String.format("0x%04x", Integer.valueOf(Integer.decode(pid).intValue() + 1)),
				behaviour));
	}

	private Path image(int size) throws Exception {
		return Files.write(folder.resolve("fw-" + size + ".bin"), Firmware.image(size, size));
	}
}
