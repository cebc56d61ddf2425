package org.dfutools.eclipse.tests.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.UsbStart;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.mode.RebootToDfuOperation;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.BoardPlace;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.testsupport.BoardEvents;
import org.dfutools.eclipse.testsupport.fakeusb.FakeBoard;
import org.dfutools.eclipse.testsupport.fakeusb.FakeSerialPorts;
import org.dfutools.eclipse.testsupport.fakeusb.FakeUsbPort;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reboot to DFU of a board without a DFU interface that enters DFU mode by the 1200-baud touch, over the fake USB and
 * serial ports: the touch is its port opened at 1200 baud and closed, with no USB request; the board is followed into
 * DFU mode as after a DETACH; a board that ignores the touch is named, with the port and the bound.
 */
class TouchRebootTest {

	private static final Duration LIMIT = Duration.ofSeconds(10);
	private static final OperationPreferences PREFERENCES = new OperationPreferences("", Duration.ofSeconds(2), LIMIT); //$NON-NLS-1$

	private FakeUsbPort usb;
	private FakeSerialPorts ports;
	private DfuDeviceService service;
	private final BoardEvents events = new BoardEvents();
	private final StringBuilder console = new StringBuilder();

	@AfterEach
	void close() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void theTouchTakesTheBoardIntoDfuModeWithoutAUsbRequest() throws Exception {
		Board board = start(FakeBoard.Spec.runtime("TOUCH").touchBoard(true));
		assertTrue(board.device().entersDfuByTouch(), board.toString());
		assertEquals("Run-time (1200-baud touch)", board.device().modeLabel());
		ModeReport report = reboot(board);
		assertEquals(BoardPlace.DFU_MODE, report.place());
		assertEquals(DeviceMode.DFU, report.after().orElseThrow().mode());
		assertEquals(board.id(), report.after().orElseThrow().id(), "the board kept its row");
		assertEquals(List.of("open /dev/ttyACM0 1200 after 0 USB requests", "close /dev/ttyACM0 after 0 USB requests"),
				ports.log());
		assertEquals(List.of(), usb.requests(), "a touch board was sent a USB request");
		String said = console.toString();
		assertTrue(said.contains("its serial port gets the 1200-baud touch") && said.contains("1200-baud touch made after "),
				said);
		assertTrue(!said.contains("DFU_DETACH") && !said.contains("functional descriptor"), "a touch told as a detach: " + said);
	}

	@Test
	void aBoardThatIgnoresTheTouchIsNamedWithItsPortAndTheBound() throws Exception {
		Board board = start(FakeBoard.Spec.runtime("DEAF").touchBoard(false));
		long start = System.nanoTime();
		OperationException e = assertThrows(OperationException.class, () -> reboot(board));
		long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
		assertTrue(e.getMessage().startsWith(board.label() + " did not enter DFU mode within 3000 ms of the 1200-baud touch"
				+ " on /dev/ttyACM0: it is still on the bus, running its application."), e.getMessage());
		assertEquals(BoardPlace.RUNTIME, e.place(), e.getMessage());
		assertTrue(took >= 3000 && took < 6000, "waited " + took + " ms");
	}

	@Test
	void aPortThatCannotBeOpenedForTheTouchIsNamedWithTheReason() throws Exception {
		Board board = start(FakeBoard.Spec.runtime("NOPORT").touchBoard(true));
		ports.failOpens("permission denied");
		OperationException e = assertThrows(OperationException.class, () -> reboot(board));
		assertTrue(e.getMessage().contains("The 1200-baud touch on /dev/ttyACM0 failed: /dev/ttyACM0 cannot be opened:"
				+ " permission denied. The board is in run-time mode."), e.getMessage());
		assertEquals(DeviceMode.RUNTIME, usb.boards().get(0).mode());
	}

	private ModeReport reboot(Board board) throws OperationException {
		return new RebootToDfuOperation(service, PREFERENCES, new DfuUtilConsole() {
			@Override
			public void out(String text) {
				console.append(text);
			}

			@Override
			public void err(String line) {
				console.append(line).append('\n');
			}
		}, BoardChoice.exactly(board)).execute(new NullProgressMonitor());
	}

	private Board start(FakeBoard.Spec spec) throws Exception {
		usb = new FakeUsbPort(true, false);
		ports = new FakeSerialPorts(usb);
		service = new DfuDeviceService(() -> usb, ports, true);
		service.registry().addListener(events);
		assertEquals(UsbStatus.LISTING, UsbStart.await(service.registry(), LIMIT, new NullProgressMonitor()));
		usb.attach(spec, "1-1");
		return events.await(e -> e.kind() == BoardEvent.Kind.ADDED && e.board().device().serial().equals(spec.serial()),
				LIMIT, "the board's arrival").board();
	}
}
