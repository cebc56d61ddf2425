package org.dfutools.eclipse.tests.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.FlashLaunches.Outcome;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DFU Flash launches end to end: the launch configuration type, the chain, usb4java and libusb, and the
 * real dfu-util, against simulated boards whose flash is a file.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class DfuFlashOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);

	@TempDir
	Path folder;

	@Test
	void plainDfuWritesTheFileAndTheBoardComesBackRunning() throws Exception {
		Path flash = folder.resolve("flash.bin");
		String port = BENCH.attach("""
				{"name": "plain", "runtime": {"pid": "0x0090", "serial": "FL-90", "bcdDevice_after_update": "0x0101"},
				 "dfu": {"pid": "0x0091", "serial": "FL-90-BOOT", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(flash));
		try {
			byte[] image = Firmware.image(64 * 1024, 90);
			Path file = Files.write(folder.resolve("app.dfu"), Firmware.withSuffix(image, 0x1209, 0x0091));
			String boardId = BENCH.get().boardAt(port).id();
			List<String> statuses = new CopyOnWriteArrayList<>();
			Runnable statusSeen = () -> statuses.add(BENCH.get().service.busyBoards().status(boardId).orElse("free"));
			BENCH.get().service.busyBoards().addListener(statusSeen);
			Outcome outcome;
			try {
				outcome = launch(bySerial("FL-90"), file);
			} finally {
				BENCH.get().service.busyBoards().removeListener(statusSeen);
			}
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			assertEquals(0, outcome.exitValue());
			assertArrayEquals(image, Files.readAllBytes(flash), "the simulated flash holds the file without its suffix");
			Board after = BENCH.get().boardAt(port);
			assertEquals(DeviceMode.RUNTIME, after.mode());
			assertEquals(0x0101, after.device().bcdDevice(), "the board runs the new firmware");
			String console = outcome.output();
			// No dfu-util is chosen in the preferences: the plugin's own runs (the test runtime has this platform's
			// dfu-util bundle, as p2 installs it), although the system's is on the PATH.
			assertTrue(console.contains("dfu-util 0.11 (bundled with DFU Tools): ")
					&& console.contains("org.dfutools.eclipse.dfuutil.linux.x86_64"), console);
			// dfu-util reads a private copy of what was checked, under the file's own name.
			assertTrue(console.contains("-d 1209:0090,1209:0091 -p " + port + " -S ,FL-90-BOOT -a 0 -R -D "), console);
			assertTrue(console.lines().anyMatch(line -> line.contains(" -R -D ") && line.endsWith("/app.dfu")
					&& !line.endsWith(" " + file)), console);
			assertTrue(console.contains("Download done."), console);
			// dfu-util redraws its bar for each of the 64 blocks; the console shows it once per 10%.
			List<String> bars = console.lines().filter(line -> line.startsWith("Download\t[")).toList();
			assertEquals(11, bars.size(), console);
			assertEquals("Download\t[=========================] 100%        65536 bytes", bars.get(10));
			assertFalse(console.contains("\r"), "progress redraws reached the console");
			assertTrue(console.contains("Summary") && console.contains("65536 bytes written")
					&& console.contains("Return to application"), console);
			assertTrue(outcome.process().getAttribute(org.eclipse.debug.core.model.IProcess.ATTR_CMDLINE).contains("-R -D"));
			// What the board's row in the view says while the chain works on it, and that it is free again.
			assertEquals(List.of("Flash: checking...", "Flash: detaching...", "Flashing...", "Flash: starting the application...",
					"free"), statuses);
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void dfuSeWritesAtTheAddressVerifiesAndLeaves() throws Exception {
		Path flash = folder.resolve("stm32.bin");
		String port = BENCH.attach("""
				{"name": "dfuse", "runtime": {"vid": "0x0483", "pid": "0x5740", "serial": "ST-01",
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
				 "dfu": {"vid": "0x0483", "pid": "0xdf11", "serial": "ST-01",
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"},
				   "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg", "output": "%s"}]}}
				""".formatted(flash));
		try {
			byte[] image = Firmware.image(40 * 1024, 91);
			Path file = Files.write(folder.resolve("app.bin"), image);
			FlashConfiguration values = withAddressAndVerify(bySerial("ST-01"), file);
			Outcome outcome = launch(values, new NullProgressMonitor());
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flash), image.length));
			assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode());
			String console = outcome.output();
			assertTrue(console.lines().anyMatch(line -> line.contains("-s 0x08000000 -D ") && line.endsWith("/app.bin")), console);
			assertTrue(console.contains("-s 0x08000000:" + image.length + ":leave -U"), console);
			assertTrue(console.contains("Verified: the " + image.length + " bytes read back equal the file."), console);
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void onlyTheConfiguredOfTwoIdenticalBoardsIsFlashed() throws Exception {
		Path flashA = folder.resolve("a.bin");
		Path flashB = folder.resolve("b.bin");
		String twin = """
				{"name": "twin", "runtime": {"pid": "0x00a0", "serial": "%s"}, "dfu": {"pid": "0x00a1",
				 "alts": [{"name": "Flash", "output": "%s"}]}}
				""";
		String portA = BENCH.attach(twin.formatted("TWIN-A", flashA));
		String portB = BENCH.attach(twin.formatted("TWIN-B", flashB));
		try {
			String keyA = BENCH.get().boardAt(portA).device().location().deviceKey();
			byte[] image = Firmware.image(8 * 1024, 92);
			Outcome outcome = launch(bySerial("TWIN-B"), Files.write(folder.resolve("twin.bin"), image));
			assertNull(outcome.failure(), () -> outcome.failure().getMessage());
			assertArrayEquals(image, Files.readAllBytes(flashB));
			assertFalse(Files.exists(flashA), "the other board was written to");
			assertEquals(keyA, BENCH.get().boardAt(portA).device().location().deviceKey(), "the other board re-enumerated");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(portA, LIMIT);
			BENCH.get().events.detachAndAwaitRemoval(portB, LIMIT);
		}
	}

	@Test
	void aBoardThatVanishesMidDownloadStopsTheChainWithDfuUtilsIoStatus() throws Exception {
		String port = BENCH.attach("""
				{"name": "vanishing", "runtime": {"pid": "0x00b0", "serial": "GONE-1"}, "dfu": {"pid": "0x00b1"},
				 "behaviour": {"disconnect_at_block": 8}}
				""");
		try {
			Outcome outcome = launch(bySerial("GONE-1"), Files.write(folder.resolve("big.bin"), Firmware.image(64 * 1024, 93)));
			assertNotNull(outcome.failure(), outcome.output());
			String message = outcome.failure().getMessage();
			assertTrue(message.contains("exit status 74") && message.contains("input/output error"), message);
			assertTrue(outcome.errors().contains("exit status 74"), outcome.errors());
			assertEquals(1, outcome.exitValue());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aSuffixForAnotherDeviceStopsBeforeTheBoardIsTouched() throws Exception {
		String port = BENCH.attach("""
				{"name": "suffix", "runtime": {"pid": "0x00c0", "serial": "SUF-1"}, "dfu": {"pid": "0x00c1"}}
				""");
		try {
			// The board has not been seen in DFU mode yet: the check runs once it is there, before the download,
			// and the board the chain rebooted goes back to its application: it is not left in its bootloader.
			Path file = Files.write(folder.resolve("other.dfu"), Firmware.withSuffix(Firmware.image(4096, 94), 0x0483, 0xdf11));
			Outcome outcome = launch(bySerial("SUF-1"), file);
			String message = outcome.failure().getMessage();
			assertTrue(message.contains("0483:df11") && message.contains("1209:00c1"), message);
			assertTrue(message.contains("Nothing was written, and the board was started in its application again."), message);
			assertTrue(outcome.output().contains("Back in run-time mode after"), outcome.output());
			assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode(), "left in its bootloader");
			// Now the DFU-mode ID is known: a second launch stops before touching the board at all.
			BENCH.get().events.clear();
			Board back = BENCH.get().boardAt(port);
			Outcome again = launch(bySerial("SUF-1"), file);
			assertTrue(again.failure().getMessage().contains("0483:df11"), again.failure().getMessage());
			assertEquals(back.device().location().deviceKey(), BENCH.get().boardAt(port).device().location().deviceKey());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aDfuSeBoardWithoutAnAddressStopsBeforeTheBoardIsTouched() throws Exception {
		// The usb-device DFU run-time class says DfuSe (bcdDFUVersion 0x011A) already in run-time mode.
		String port = BENCH.attach("""
				{"name": "dfuse-rt", "runtime": {"pid": "0x00c4", "serial": "DSRT-1",
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
				 "dfu": {"pid": "0x00c5", "functional": {"attributes": "0x0b", "version": "0x011a"},
				   "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg"}]}}
				""");
		try {
			String key = BENCH.get().boardAt(port).device().location().deviceKey();
			Outcome outcome = launch(bySerial("DSRT-1"), Files.write(folder.resolve("app.bin"), Firmware.image(4096, 96)));
			String message = outcome.failure().getMessage();
			assertTrue(message.contains("is a DfuSe device: give the DfuSe address"), message);
			assertEquals(key, BENCH.get().boardAt(port).device().location().deviceKey(), "the board was touched");
			assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aDamagedFileStopsBeforeTheBoardIsTouched() throws Exception {
		String port = BENCH.attach("""
				{"name": "crc", "runtime": {"pid": "0x00d0", "serial": "CRC-1"}, "dfu": {"pid": "0x00d1"}}
				""");
		try {
			String key = BENCH.get().boardAt(port).device().location().deviceKey();
			byte[] file = Firmware.withSuffix(Firmware.image(4096, 95), 0x1209, 0x00d1);
			file[100] ^= 0x40; // one bit flipped after the suffix was written
			Outcome outcome = launch(bySerial("CRC-1"), Files.write(folder.resolve("bad.dfu"), file));
			assertTrue(outcome.failure().getMessage().contains("is damaged"), outcome.failure().getMessage());
			assertTrue(outcome.errors().contains("is damaged"), "the console says it too: " + outcome.errors());
			assertEquals(key, BENCH.get().boardAt(port).device().location().deviceKey(), "the board was touched");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aMissingDfuUtilIsNamedAndTheBoardIsNotTouched() throws Exception {
		String port = BENCH.attach("""
				{"name": "no-tool", "runtime": {"pid": "0x00e0", "serial": "TOOL-1"}, "dfu": {"pid": "0x00e1"}}
				""");
		IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID);
		try {
			String key = BENCH.get().boardAt(port).device().location().deviceKey();
			preferences.put(DfuPreferences.DFU_UTIL_PATH, folder.resolve("no-such-dfu-util").toString());
			Outcome outcome = launch(bySerial("TOOL-1"), Files.write(folder.resolve("fw.bin"), Firmware.image(1024, 96)));
			String message = outcome.failure().getMessage();
			assertTrue(message.contains("dfu-util was not found at") && message.contains("no-such-dfu-util"), message);
			assertEquals(key, BENCH.get().boardAt(port).device().location().deviceKey(), "the board was touched");
		} finally {
			preferences.remove(DfuPreferences.DFU_UTIL_PATH);
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aBoardThatNeverComesBackIsReportedWithinTheTimeout() throws Exception {
		String port = BENCH.attach("""
				{"name": "no-return", "start_mode": "dfu", "runtime": {"pid": "0x00f0", "serial": "NR-1"},
				 "dfu": {"pid": "0x00f1", "serial": "NR-1"}, "behaviour": {"never_reenumerate": true}}
				""");
		try {
			FlashConfiguration values = FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.SERIAL, "NR-1"),
					Files.write(folder.resolve("fw.bin"), Firmware.image(2048, 97))).applicationTimeoutSeconds("1").build();
			long start = System.nanoTime();
			Outcome outcome = launch(values, new NullProgressMonitor());
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
			String message = outcome.failure().getMessage();
			assertTrue(message.contains("did not come back in run-time mode within 1 s")
					&& message.contains("not on the bus"), message);
			assertTrue(millis < 10_000, "took " + millis + " ms");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void cancellingMidDownloadStopsDfuUtilAndSaysWhereTheBoardIs() throws Exception {
		String port = BENCH.attach("""
				{"name": "cancel", "runtime": {"pid": "0x0100", "serial": "CAN-1"}, "dfu": {"pid": "0x0101"}}
				""");
		try {
			NullProgressMonitor cancelAtTenPercent = new NullProgressMonitor() {
				@Override
				public void subTask(String name) {
					if (name.matches("Download \\d+%") && Integer.parseInt(name.replaceAll("\\D", "")) >= 10) {
						setCanceled(true);
					}
				}
			};
			Path file = Files.write(folder.resolve("large.bin"), Firmware.image(1024 * 1024, 98));
			Outcome outcome = launch(FlashConfigurationBuilder.of(bySerial("CAN-1").board(), file).build(), cancelAtTenPercent);
			assertNull(outcome.failure(), "a cancel is not an error dialog");
			assertEquals(130, outcome.exitValue());
			assertTrue(outcome.errors().contains("dfu-util was stopped") && outcome.errors().contains("left in DFU mode"),
					outcome.errors());
			assertFalse(outcome.output().contains("Download done."), "cancelled too late to prove anything");
			assertTrue(ProcessHandle.current().descendants()
					.noneMatch(p -> p.info().command().orElse("").endsWith("dfu-util")), "a dfu-util is left running");
			assertTrue(BENCH.get().service.busyBoards().holder(BENCH.get().boardAt(port).id()).isEmpty(), "the board is still held");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/**
	 * A file larger than the alt's memory: the bootloader answers with its own error status, which dfu-util prints
	 * without its prefix. The failure quotes that status and does not take the board for lost.
	 */
	@Test
	void theBoardsOwnErrorStatusIsQuoted() throws Exception {
		String port = BENCH.attach("""
				{"name": "small-alt", "start_mode": "dfu", "runtime": {"pid": "0x0114", "serial": "SMALL-1"},
				 "dfu": {"pid": "0x0115", "alts": [{"name": "Flash", "flash_size": 4096}]}}
				""");
		try {
			Outcome outcome = launch(bySerial("SMALL-1"), Files.write(folder.resolve("big.bin"), Firmware.image(10000, 97)));
			assertNotNull(outcome.failure(), outcome.output());
			String message = outcome.failure().getMessage();
			assertTrue(message.contains("exit status 74 (the board reported an error status and stopped the transfer). dfu-util said: "
					+ "DFU state(10) = dfuERROR, status(8) = Cannot program memory due to received address that is out of range."),
					message);
			assertFalse(message.contains("lost") || message.contains("printed no error line"), message);
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aBusyBoardIsRefusedNotQueued() throws Exception {
		String port = BENCH.attach("""
				{"name": "busy", "runtime": {"pid": "0x0110", "serial": "BUSY-1"}, "dfu": {"pid": "0x0111"}}
				""");
		Board board = BENCH.get().boardAt(port);
		try (BusyBoards.Claim held = BENCH.get().service.busyBoards().claim(board.id(), "another flash", "Flashing...").orElseThrow()) {
			Outcome outcome = launch(bySerial("BUSY-1"), Files.write(folder.resolve("fw.bin"), Firmware.image(1024, 99)));
			String message = outcome.failure().getMessage();
			assertTrue(message.contains("is busy with another flash"), message);
			assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	private static FlashConfiguration bySerial(String serial) {
		return FlashConfiguration.defaults(new BoardSelector(BoardSelector.Kind.SERIAL, serial), "",
				FlashConfiguration.DEFAULT_APPLICATION_TIMEOUT_SECONDS);
	}

	private static FlashConfiguration withAddressAndVerify(FlashConfiguration base, Path file) {
		return FlashConfigurationBuilder.of(base.board(), file).dfuseAddress("0x08000000").verify(true).build();
	}

	private Outcome launch(FlashConfiguration base, Path file) throws Exception {
		return launch(FlashConfigurationBuilder.from(base).firmware(file).waitForApplication(true).applicationTimeoutSeconds("10")
				.build(), new NullProgressMonitor());
	}

	private static Outcome launch(FlashConfiguration values, NullProgressMonitor monitor) throws Exception {
		return FlashLaunches.run(FlashLaunches.configuration("test", values), monitor, LIMIT);
	}}
