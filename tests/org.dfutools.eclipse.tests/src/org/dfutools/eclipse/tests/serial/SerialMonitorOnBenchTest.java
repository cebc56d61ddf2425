package org.dfutools.eclipse.tests.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.TouchBoards;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.mode.RebootToDfuOperation;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.BoardPlace;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.core.serial.LineEnding;
import org.dfutools.eclipse.core.serial.SerialMonitor;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.FlashLaunches.Outcome;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.dfutools.eclipse.testsupport.MonitorTranscript;
import org.dfutools.eclipse.testsupport.StrayPortHolder;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial monitor and the 1200-baud touch end to end: jSerialComm on the bench's CDC ACM ports (Linux's
 * /dev/ttyACM*, found through sysfs), usb4java and libusb, DFU Flash launches and the real dfu-util.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class SerialMonitorOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final String CDC_PAIR = """
			{"class": 2, "subclass": 2, "protocol": 1, "association": {"count": 2},
			 "extra": "0524001001 0524010001 04240202 0524060001",
			 "endpoints": [{"address": "0x83", "type": "interrupt", "max_packet": 16, "interval": 16}],
			 "serial_port": {"banner": "ready %s", "lines": ["count %%(n)d"], "every_ms": 100, "echo": true}},
			{"class": 10, "endpoints": [{"address": "0x81", "type": "bulk", "max_packet": 64},
			                            {"address": "0x01", "type": "bulk", "max_packet": 64}]}""";

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);

	@TempDir
	Path folder;

	private final MonitorTranscript transcript = new MonitorTranscript(LIMIT);
	private final List<SerialMonitor> opened = new ArrayList<>();

	/** A board that takes another's port later gets a board id of before: its monitor must not be there. */
	@AfterEach
	void closeMonitors() {
		opened.forEach(monitor -> BENCH.get().service.serialMonitors().close(monitor));
	}

	/** A board with a serial port beside its DFU run-time interface, as TinyUSB and Zephyr composites are. */
	private String attachComposite(String serial, int pid, Path flash) throws Exception {
		return BENCH.attach("""
				{"name": "cdc %s", "runtime": {"pid": "%d", "serial": "%s", "device_class": "0xef", "device_subclass": 2,
				   "device_protocol": 1, "interfaces": [%s, {"dfu": true}]},
				 "dfu": {"pid": "%d", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(serial, pid, serial, CDC_PAIR.formatted(serial), pid + 1, flash));
	}

	/** An Arduino Portenta H7 as the Mbed core makes it: a serial port, no DFU interface, the touch into its bootloader. */
	private String attachPortenta(String serial, Path flash, String touch) throws Exception {
		return BENCH.attach("""
				{"name": "portenta", "runtime": {"vid": "0x2341", "pid": "0x025b", "serial": "%s", "device_class": "0xef",
				   "device_subclass": 2, "device_protocol": 1, "dfu_interface": false, "interfaces": [%s]},
				 "dfu": {"pid": "0x035b", "alts": [{"name": "Flash", "output": "%s"}]},
				 "behaviour": {"touch_1200": %s, "reenumerate_delay_ms": 300}}
				""".formatted(serial, CDC_PAIR.formatted(serial), flash, touch));
	}

	private SerialMonitor open(Board board) {
		SerialMonitor monitor = BENCH.get().service.serialMonitors().open(board.id(), transcript, 115200, LineEnding.LF)
				.orElseThrow(() -> new AssertionError("a monitor of before is open on " + board.id()));
		opened.add(monitor);
		return monitor;
	}

	@Test
	void theMonitorShowsWhatTheBoardPrintsAndSendsWhatIsTyped() throws Exception {
		String port = attachComposite("MON-1", 0x0120, folder.resolve("unused.bin"));
		try {
			Board board = BENCH.get().boardAt(port);
			assertTrue(board.hasSerialPort(), board.toString());
			SerialMonitor monitor = open(board);
			String opened = transcript.await(note -> note.startsWith("Opened /dev/ttyACM"));
			assertTrue(opened.endsWith(" at 115200 baud."), opened);
			int after = transcript.awaitText("ready MON-1");
			after = transcript.awaitText("count ", after);
			monitor.sendLine("hello board");
			transcript.awaitText("echo: hello board", after);
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/**
	 * A flash closes the monitor before the board is touched and reopens it once the application runs. Another program
	 * holds the old port open meanwhile, as ModemManager may, so the board comes back under another name.
	 */
	@Test
	void aFlashClosesTheMonitorAndItReopensOnTheBoardsNewPort() throws Exception {
		Path flash = folder.resolve("flash.bin");
		String port = attachComposite("MON-2", 0x0122, flash);
		try {
			Board board = BENCH.get().boardAt(port);
			SerialMonitor monitor = open(board);
			String opened = transcript.await(note -> note.startsWith("Opened /dev/ttyACM"));
			String oldPath = monitor.portPath();
			transcript.awaitText("count ");
			byte[] image = Firmware.image(16 * 1024, 30);
			Outcome outcome;
			try (AutoCloseable stray = StrayPortHolder.whenABoardIsTaken(BENCH.get().service.busyBoards(), oldPath)) {
				outcome = flash(BoardSelector.Kind.SERIAL, "MON-2", Files.write(folder.resolve("app.bin"), image));
				assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
				assertArrayEquals(image, Files.readAllBytes(flash));
				transcript.await(note -> note.equals("Closed " + oldPath + " for a DFU Flash launch. The monitor reopens it when"
						+ " the board runs its application again."));
				String reopened = transcript.await(note -> note.startsWith("Reopened on "));
				assertTrue(reopened.contains("(it was " + oldPath + ")") && !monitor.portPath().equals(oldPath),
						opened + " / " + reopened);
				int after = transcript.text().length();
				transcript.awaitText("ready MON-2", after); // the new application's banner, on the new port
				monitor.sendLine("after the flash");
				transcript.awaitText("echo: after the flash", after);
			}
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/** A flash of several boards at once steps each board's monitor aside, and each comes back on its own board's port. */
	@Test
	void aFlashOfSeveralBoardsStepsEachMonitorAside() throws Exception {
		List<Path> flashes = List.of(folder.resolve("a.bin"), folder.resolve("b.bin"));
		List<String> ports = List.of(attachComposite("MON-7A", 0x0128, flashes.get(0)),
				attachComposite("MON-7B", 0x0128, flashes.get(1)));
		try {
			List<MonitorTranscript> transcripts = List.of(new MonitorTranscript(LIMIT), new MonitorTranscript(LIMIT));
			List<String> paths = new ArrayList<>();
			for (int index = 0; index < 2; index++) {
				Board board = BENCH.get().boardAt(ports.get(index));
				SerialMonitor monitor = BENCH.get().service.serialMonitors()
						.open(board.id(), transcripts.get(index), 115200, LineEnding.LF).orElseThrow();
				opened.add(monitor);
				transcripts.get(index).await(note -> note.startsWith("Opened /dev/ttyACM"));
				paths.add(monitor.portPath());
			}
			byte[] image = Firmware.image(8 * 1024, 32);
			FlashConfiguration values = FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.EVERY_WITH_ID,
					"1209:0128"), Files.write(folder.resolve("app.bin"), image)).waitForApplication(true)
					.applicationTimeoutSeconds("10").build();
			Outcome outcome = FlashLaunches.run(FlashLaunches.configuration("two with monitors", values),
					new NullProgressMonitor(), LIMIT);
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			for (int index = 0; index < 2; index++) {
				assertArrayEquals(image, Files.readAllBytes(flashes.get(index)));
				String path = paths.get(index);
				transcripts.get(index).await(note -> note.startsWith("Closed " + path + " for "));
				transcripts.get(index).await(note -> note.startsWith("Reopened "));
				transcripts.get(index).awaitText("ready MON-7" + (char) ('A' + index), 0);
			}
			assertTrue(transcripts.get(1).text().indexOf("MON-7A") < 0, "a board's monitor shows another's lines");
		} finally {
			for (String port : ports) {
				BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	@Test
	void aBoardPulledOutIsWaitedForAndItsPortReopenedWhenItIsBack() throws Exception {
		String port = attachComposite("MON-3", 0x0124, folder.resolve("unused.bin"));
		Board board = BENCH.get().boardAt(port);
		SerialMonitor monitor = open(board);
		transcript.await(note -> note.startsWith("Opened /dev/ttyACM"));
		BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		String lost = transcript.await(note -> note.endsWith("The monitor reopens the port when the board is back."));
		assertEquals(SerialMonitor.State.WAITING, monitor.state(), lost);
		IOException refused = assertThrows(IOException.class, () -> monitor.sendLine("nobody there"));
		assertTrue(refused.getMessage().contains("waits for the board"), refused.getMessage());
		String back = attachComposite("MON-3", 0x0124, folder.resolve("unused.bin"));
		try {
			transcript.await(note -> note.startsWith("Reopened "));
			transcript.awaitText("ready MON-3", 0);
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(back, LIMIT);
		}
	}

	/** The Portenta H7 is built in: listed, touched into DFU mode, flashed by dfu-util, back in its application. */
	@Test
	void aTouchBoardIsFlashedThroughItsBootloader() throws Exception {
		Path flash = folder.resolve("portenta.bin");
		String port = attachPortenta("PORTENTA-1", flash, "\"reboot\"");
		try {
			Board board = BENCH.get().boardAt(port);
			assertTrue(board.device().entersDfuByTouch(), board.toString());
			SerialMonitor monitor = open(board);
			transcript.await(note -> note.startsWith("Opened /dev/ttyACM"));
			byte[] image = Firmware.image(32 * 1024, 31);
			Outcome outcome = flash(BoardSelector.Kind.SERIAL, "PORTENTA-1", Files.write(folder.resolve("app.bin"), image));
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			assertArrayEquals(image, Files.readAllBytes(flash));
			assertTrue(outcome.output().contains("-d 2341:025b,2341:035b"), outcome.output());
			Board after = BENCH.get().boardAt(port);
			assertEquals(DeviceMode.RUNTIME, after.mode());
			assertEquals(board.id(), after.id(), "the board kept its row");
			transcript.await(note -> note.startsWith("Reopened "));
			assertEquals(SerialMonitor.State.OPEN, monitor.state());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aBoardThatIgnoresTheTouchIsNamedAndStaysInItsApplication() throws Exception {
		String port = attachPortenta("PORTENTA-2", folder.resolve("unused.bin"), "null");
		try {
			Board board = BENCH.get().boardAt(port);
			OperationException e = assertThrows(OperationException.class,
					() -> new RebootToDfuOperation(BENCH.get().service, new OperationPreferences("", Duration.ofSeconds(2), LIMIT),
							DfuUtilConsole.NONE, BoardChoice.exactly(board)).execute(new NullProgressMonitor()));
			assertTrue(e.getMessage().matches(".* did not enter DFU mode within 3000 ms of the 1200-baud touch on /dev/ttyACM\\d+:"
					+ " it is still on the bus, running its application\\..*"), e.getMessage());
			assertEquals(BoardPlace.RUNTIME, e.place());
			assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/** A board not among the touch boards, with a serial port and no DFU interface, is no board of the view's. */
	@Test
	void aSerialPortWithoutDfuIsListedOnlyOnceItsIdIsATouchBoards() throws Exception {
		String spec = """
				{"name": "plain serial", "runtime": {"pid": "0x0126", "serial": "SER-6", "dfu_interface": false,
				   "interfaces": [%s]}, "dfu": {"pid": "0x0127"}}
				""".formatted(CDC_PAIR.formatted("SER-6"));
		String port = UsbBench.attach(spec);
		try {
			BENCH.get().service.refresh();
			Thread.sleep(500); // nothing to wait for: the board must not come
			assertTrue(BENCH.get().registry.boards().stream().noneMatch(b -> b.device().location().portPath().equals(port)));
			BENCH.get().registry.touchBoards(TouchBoards.withListed("1209:0126"));
			BENCH.get().service.refresh();
			Board board = BENCH.get().events.await(event -> event.board().device().location().portPath().equals(port), LIMIT,
					"the touch board listed").board();
			assertEquals("Run-time (1200-baud touch)", board.device().modeLabel());
		} finally {
			BENCH.get().registry.touchBoards(TouchBoards.builtIn());
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	private static Outcome flash(BoardSelector.Kind kind, String value, Path file) throws Exception {
		FlashConfiguration values = FlashConfigurationBuilder.of(new BoardSelector(kind, value), file).waitForApplication(true)
				.applicationTimeoutSeconds("10").build();
		return FlashLaunches.run(FlashLaunches.configuration("serial monitor test", values), new NullProgressMonitor(), LIMIT);
	}
}
