package org.dfutools.eclipse.tests.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashOperation;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashOperation;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.flash.FlashReport;
import org.dfutools.eclipse.core.flash.FlashSettings;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.testsupport.BoardEvents;
import org.dfutools.eclipse.testsupport.FakeDfuUtil;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.fakeusb.FakeBoard;
import org.dfutools.eclipse.testsupport.fakeusb.FakeUsbPort;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dfutools.eclipse.core.device.UsbStart;

/**
 * The DFU Flash chain over the fake USB port, with a script in dfu-util's place: the board's way into DFU
 * mode and back, on Linux with hotplug and on Windows without it. The script "writes" the firmware; the
 * board then starts its application, as dfu-util's reset makes a real one do.
 */
class FlashOperationTest {

	private static final Duration LIMIT = Duration.ofSeconds(10);

	@TempDir
	Path folder;

	private FakeUsbPort port;
	private DfuDeviceService service;
	private FakeBoard board;
	private final List<String> console = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeUsb() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void aRunTimeBoardIsRebootedFlashedAndFollowedBack() throws Exception {
		start(true, false, FakeBoard.Spec.runtime("CHAIN-1"));
		FlashReport report = flash("CHAIN-1");
		assertEquals(DeviceMode.RUNTIME, report.after().orElseThrow().mode());
		assertEquals(List.of("GETSTATUS wValue=0", "DETACH wValue=1000", "reset"), port.requests());
		assertTrue(console.stream().anyMatch(line -> line.startsWith("$ ") && line.contains(" -D ")), console.toString());
		assertTrue(service.busyBoards().holder(report.before().id()).isEmpty(), "the flash still holds the board");
	}

	/** Windows: no hotplug, and a board that detaches itself; the waits rescan, so the chain keeps its pace. */
	@Test
	void onWindowsWithoutHotplugABoardThatDetachesItselfIsFlashedWithinItsBounds() throws Exception {
		start(false, true, FakeBoard.Spec.runtime("CHAIN-WIN").willDetach().detachTimeout(500).reenumerate(150));
		long started = System.nanoTime();
		FlashReport report = flash("CHAIN-WIN");
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertEquals(DeviceMode.RUNTIME, report.after().orElseThrow().mode());
		assertFalse(port.requests().contains("reset"), "a board that detaches itself got a reset: " + port.requests());
		assertTrue(millis < 2 * 150 + 1500, "the flash took " + millis + " ms; the board re-enumerates twice in 150 ms");
	}

	@Test
	void onWindowsABoardThatNeedsAResetIsRefusedBeforeItIsTouched() throws Exception {
		start(false, true, FakeBoard.Spec.runtime("CHAIN-RESET"));
		OperationException e = assertThrows(OperationException.class, () -> flash("CHAIN-RESET"));
		assertTrue(e.getMessage().contains("Windows"), e.getMessage());
		assertEquals(List.of(), port.requests());
		assertEquals(DeviceMode.RUNTIME, board.mode());
	}

	private void start(boolean hotplug, boolean windows, FakeBoard.Spec spec) throws Exception {
		port = new FakeUsbPort(hotplug, windows);
		service = new DfuDeviceService(() -> port, true);
		BoardEvents events = new BoardEvents();
		service.registry().addListener(events);
		assertEquals(UsbStatus.LISTING, UsbStart.await(service.registry(), LIMIT, new NullProgressMonitor()));
		board = port.attach(spec, "1-1");
		service.rescanUnlessHotplug();
		events.await(e -> e.kind() == BoardEvent.Kind.ADDED, LIMIT, "the board's arrival");
	}

	private FlashReport flash(String serial) throws Exception {
		Path tool = FakeDfuUtil.write(folder, """
				echo "Download	[=========================] 100%         4096 bytes"
				echo "Download done."
				echo "Resetting USB to switch back to runtime mode"
				""");
		Path file = Files.write(folder.resolve("app.bin"), Firmware.image(4096, 7));
		FlashSettings settings = FlashSettings.parse(FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.SERIAL, serial),
				file).applicationTimeoutSeconds("5").build(), text -> text);
		return new FlashOperation(service, new DfuUtilVersions(), new OperationPreferences(tool.toString(), Duration.ofSeconds(2), LIMIT),
				new Console(), settings).execute(new NullProgressMonitor());
	}

	/** The launch's console: keeps the lines, and resets the board when "dfu-util" says it does. */
	private final class Console implements DfuUtilConsole {
		@Override
		public void out(String text) {
			console.add(text.strip());
			if (text.contains("Resetting USB")) {
				board.startApplication();
			}
		}

		@Override
		public void err(String line) {
			console.add(line);
		}

		@Override
		public void commandStarting(DfuUtilCommand command) {
			console.add("$ " + command.commandLine());
		}
	}
}
