package org.dfutools.eclipse.tests.dfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.UsbStart;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.mode.RebootToDfuOperation;
import org.dfutools.eclipse.core.mode.StartApplicationOperation;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.BoardPlace;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.testsupport.BoardEvents;
import org.dfutools.eclipse.testsupport.fakeusb.FakeBoard;
import org.dfutools.eclipse.testsupport.fakeusb.FakeUsbPort;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reboot to DFU and Start Application as operations on a board, over the fake USB port: the board is chosen from the
 * list as it is when the operation starts, held, refused untouched when it is in the wrong mode or busy, and the
 * report says where it was left.
 */
class ModeOperationsTest {

	private static final Duration LIMIT = Duration.ofSeconds(10);
	private static final OperationPreferences PREFERENCES = new OperationPreferences("", Duration.ofSeconds(2), LIMIT); //$NON-NLS-1$

	private FakeUsbPort port;
	private DfuDeviceService service;
	private final BoardEvents events = new BoardEvents();
	private final StringBuilder console = new StringBuilder();
	private final List<List<Path>> foldersAtEachLine = new ArrayList<>();

	/** The temporary folders of operations on boards (WorkFolder's) there are now. */
	private static List<Path> workFolders() {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) { //$NON-NLS-1$
			return files.filter(file -> file.getFileName().toString().startsWith("dfu-flash")).sorted().toList(); //$NON-NLS-1$
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@AfterEach
	void closeUsb() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void rebootReportsTheBoardInDfuModeAndTheConsoleSaysEachStep() throws Exception {
		Board board = start(FakeBoard.Spec.runtime("GO"));
		List<Path> before = workFolders();
		ModeReport report = reboot(board);
		assertEquals(List.of(before), foldersAtEachLine.stream().distinct().toList(),
				"a reboot made a folder for dfu-util's files, which it never runs");
		assertEquals(BoardPlace.DFU_MODE, report.place());
		assertEquals(DeviceMode.DFU, report.after().orElseThrow().mode());
		assertEquals(board.id(), report.board().id());
		assertTrue(report.switched().compareTo(report.total()) <= 0, report.toString());
		assertTrue(console.toString().contains("Rebooting "), console.toString());
		assertTrue(console.toString().contains("DFU mode after"), console.toString());
		assertTrue(service.busyBoards().holder(board.id()).isEmpty(), "the reboot still holds the board");
	}

	/** The operation holds the board itself: a board another operation holds is refused, nothing is sent. */
	@Test
	void aBoardAnotherOperationHoldsIsRefusedBeforeAnythingIsSent() throws Exception {
		Board board = start(FakeBoard.Spec.runtime("HELD"));
		try (var flash = service.busyBoards().claim(board.id(), "DFU Flash", "Flashing...").orElseThrow()) {
			OperationException e = assertThrows(OperationException.class, () -> reboot(board));
			assertTrue(e.getMessage().contains("busy with DFU Flash"), e.getMessage());
			assertEquals(BoardPlace.UNTOUCHED, e.place());
			assertEquals(List.of(), port.requests());
		}
		assertEquals(DeviceMode.DFU, reboot(board).board().mode(), "refused once the flash let go");
		assertTrue(service.busyBoards().holder(board.id()).isEmpty(), "the reboot still holds the board");
	}

	/** The row a person clicked may be stale: the board as it is now decides, and one in DFU mode is not touched. */
	@Test
	void rebootOfABoardNowInDfuModeIsRefusedUntouched() throws Exception {
		Board clicked = start(FakeBoard.Spec.runtime("TWICE"));
		reboot(clicked);
		List<String> sent = port.requests();
		OperationException e = assertThrows(OperationException.class, () -> reboot(clicked));
		assertTrue(e.getMessage().endsWith("is already in DFU mode."), e.getMessage());
		assertEquals(BoardPlace.UNTOUCHED, e.place());
		assertEquals(sent, port.requests(), "the board was touched");
	}

	@Test
	void startApplicationOfABoardRunningItsApplicationIsRefusedUntouched() throws Exception {
		Board board = start(FakeBoard.Spec.runtime("RUNS"));
		OperationException e = assertThrows(OperationException.class, () -> new StartApplicationOperation(service, PREFERENCES,
				console(), BoardChoice.exactly(board), LIMIT).execute(new NullProgressMonitor()));
		assertTrue(e.getMessage().endsWith("is not in DFU mode: its application runs."), e.getMessage());
		assertEquals(BoardPlace.UNTOUCHED, e.place());
		assertEquals(List.of(), port.requests());
	}

	@Test
	void aBoardNoLongerListedIsNamedGone() throws Exception {
		Board board = start(FakeBoard.Spec.runtime("HERE"));
		BoardChoice other = attached -> BoardChoice.exactly(board).select(attached.stream().filter(b -> !b.equals(board)).toList());
		OperationException e = assertThrows(OperationException.class,
				() -> new RebootToDfuOperation(service, PREFERENCES, console(), other).execute(new NullProgressMonitor()));
		assertEquals(board.label() + " is no longer attached.", e.getMessage());
		assertEquals(BoardPlace.UNTOUCHED, e.place());
		assertEquals(Optional.of(board), service.registry().board(board.id()), "the board itself is still listed");
	}

	private ModeReport reboot(Board board) throws OperationException {
		return new RebootToDfuOperation(service, PREFERENCES, console(), BoardChoice.exactly(board)).execute(new NullProgressMonitor());
	}

	private DfuUtilConsole console() {
		return new DfuUtilConsole() {
			@Override
			public void out(String text) {
				console.append(text);
				foldersAtEachLine.add(workFolders());
			}

			@Override
			public void err(String line) {
				console.append(line).append('\n');
				foldersAtEachLine.add(workFolders());
			}
		};
	}

	private Board start(FakeBoard.Spec spec) throws Exception {
		port = new FakeUsbPort(true, false);
		service = new DfuDeviceService(() -> port, true);
		service.registry().addListener(events);
		assertEquals(UsbStatus.LISTING, UsbStart.await(service.registry(), LIMIT, new NullProgressMonitor()));
		port.attach(spec, "1-1");
		return events.await(e -> e.kind() == BoardEvent.Kind.ADDED && e.board().device().serial().equals(spec.serial()),
				LIMIT, "the board's arrival").board();
	}
}
