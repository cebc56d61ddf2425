package org.dfutools.eclipse.tests.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.UsbStart;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.mode.RebootToDfuOperation;
import org.dfutools.eclipse.core.mode.StartApplicationOperation;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.core.serial.LineEnding;
import org.dfutools.eclipse.core.serial.SerialMonitor;
import org.dfutools.eclipse.core.serial.SerialMonitors;
import org.dfutools.eclipse.testsupport.BoardEvents;
import org.dfutools.eclipse.testsupport.MonitorTranscript;
import org.dfutools.eclipse.testsupport.fakeusb.FakeBoard;
import org.dfutools.eclipse.testsupport.fakeusb.FakeSerialPorts;
import org.dfutools.eclipse.testsupport.fakeusb.FakeUsbPort;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serial monitor's logic over the fake USB port and fake serial ports: it shows what the board says and sends
 * lines; it steps aside for an operation before the board is touched and comes back on the board's new port name;
 * it waits for a board that left and for one in DFU mode; a port that cannot be opened says why.
 */
class SerialMonitorsTest {

	private static final Duration LIMIT = Duration.ofSeconds(10);
	private static final OperationPreferences PREFERENCES = new OperationPreferences("", Duration.ofSeconds(2), LIMIT); //$NON-NLS-1$
	private static final DfuUtilConsole QUIET = new DfuUtilConsole() {
		@Override
		public void out(String text) {
			// not looked at
		}

		@Override
		public void err(String line) {
			// not looked at
		}
	};

	private FakeUsbPort usb;
	private FakeSerialPorts ports;
	private DfuDeviceService service;
	private SerialMonitors monitors;
	private final BoardEvents events = new BoardEvents();
	private final MonitorTranscript output = new MonitorTranscript(LIMIT);

	@AfterEach
	void close() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void showsWhatTheBoardSaysAndSendsLinesWithTheChosenEnding() throws Exception {
		FakeBoard fake = attach("SAYS");
		SerialMonitor monitor = open(board("SAYS"));
		output.await(note -> note.equals("Opened /dev/ttyACM0 at 115200 baud."));
		ports.say(fake, "hello\r\n");
		output.awaitText("hello\r\n");
		monitor.sendLine("status");
		monitor.lineEnding(LineEnding.CRLF);
		monitor.sendLine("again");
		assertTrue(ports.log().contains("write /dev/ttyACM0 status\\n"), ports.log().toString());
		assertTrue(ports.log().contains("write /dev/ttyACM0 again\r\\n"), ports.log().toString());
	}

	/** The port is closed before the reboot's first request, and opened again when the application runs, on its new name. */
	@Test
	void stepsAsideForAnOperationAndComesBackOnTheNewPortName() throws Exception {
		attach("ASIDE");
		Board board = board("ASIDE");
		SerialMonitor monitor = open(board);
		output.await(note -> note.startsWith("Opened /dev/ttyACM0"));
		new RebootToDfuOperation(service, PREFERENCES, QUIET, BoardChoice.exactly(board)).execute(new NullProgressMonitor());
		assertTrue(ports.log().contains("close /dev/ttyACM0 after 0 USB requests"), ports.log().toString());
		output.await(note -> note.equals("Closed /dev/ttyACM0 for Reboot to DFU. The monitor reopens it when the board runs"
				+ " its application again."));
		output.await(note -> note.startsWith("The board is in DFU mode: the monitor reopens its port"));
		assertEquals(SerialMonitor.State.WAITING, monitor.state());
		IOException notOpen = assertThrows(IOException.class, () -> monitor.sendLine("lost"));
		assertTrue(notOpen.getMessage().contains("waits for the board"), notOpen.getMessage());

		// Another program holds the old name, as ModemManager may: the board comes back under another.
		ports.holdByAnotherProgram("/dev/ttyACM0");
		new StartApplicationOperation(service, PREFERENCES, QUIET, BoardChoice.exactly(registryBoard(board)), LIMIT)
				.execute(new NullProgressMonitor());
		output.await(note -> note.equals("Reopened on /dev/ttyACM1 (it was /dev/ttyACM0) at 115200 baud: the board runs"
				+ " its application again."));
		assertEquals(SerialMonitor.State.OPEN, monitor.state());
		assertEquals("/dev/ttyACM1", monitor.portPath());
	}

	@Test
	void aBoardPulledOutIsWaitedForAndItsPortOpenedWhenItIsBack() throws Exception {
		FakeBoard fake = attach("PULLED");
		SerialMonitor monitor = open(board("PULLED"));
		output.await(note -> note.startsWith("Opened /dev/ttyACM0"));
		usb.pullOut(fake);
		output.await(note -> note.endsWith("The monitor reopens the port when the board is back."));
		assertEquals(SerialMonitor.State.WAITING, monitor.state());
		usb.plugBackIn(fake);
		output.await(note -> note.startsWith("Reopened /dev/ttyACM0 at 115200 baud"));
		ports.say(fake, "back\n");
		output.awaitText("back\n");
	}

	@Test
	void aPortThatCannotBeOpenedSaysWhyAndConnectTriesAgain() throws Exception {
		attach("BUSY");
		ports.failOpens("another program has it open");
		SerialMonitor monitor = open(board("BUSY"));
		output.await(note -> note.equals("The port was not opened: /dev/ttyACM0 cannot be opened: another program has it"
				+ " open. Connect tries again."));
		assertEquals(SerialMonitor.State.WAITING, monitor.state());
		ports.failOpens(null);
		monitor.disconnect();
		monitor.connect();
		output.await(note -> note.startsWith("Opened /dev/ttyACM0"));
	}

	@Test
	void aSecondMonitorOnTheSameBoardIsRefused() throws Exception {
		attach("ONCE");
		Board board = board("ONCE");
		open(board);
		assertFalse(monitors.open(board.id(), output, 9600, LineEnding.LF).isPresent());
	}

	private SerialMonitor open(Board board) {
		return monitors.open(board.id(), output, 115200, LineEnding.LF).orElseThrow();
	}

	private Board registryBoard(Board board) {
		return service.registry().board(board.id()).orElseThrow();
	}

	private FakeBoard attach(String serial) throws Exception {
		usb = new FakeUsbPort(true, false);
		ports = new FakeSerialPorts(usb);
		service = new DfuDeviceService(() -> usb, ports, true);
		service.registry().addListener(events);
		monitors = service.serialMonitors();
		assertEquals(UsbStatus.LISTING, UsbStart.await(service.registry(), LIMIT, new NullProgressMonitor()));
		return usb.attach(FakeBoard.Spec.runtime(serial), "1-1");
	}

	private Board board(String serial) throws InterruptedException {
		return events.await(e -> e.kind() == BoardEvent.Kind.ADDED && e.board().device().serial().equals(serial), LIMIT,
				"the board's arrival").board();
	}
}
