package org.dfutools.eclipse.tests.dfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.testsupport.HeldReboot;
import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.dfu.DetachException;
import org.dfutools.eclipse.core.dfu.DetachException.Reason;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.protocol.DfuClient;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.testsupport.BoardEvents;
import org.dfutools.eclipse.testsupport.fakeusb.FakeBoard;
import org.dfutools.eclipse.testsupport.fakeusb.FakeUsbPort;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.dfutools.eclipse.core.device.UsbStart;

/**
 * Reboot to DFU over the fake USB port: what goes over the wire for each kind of board, the Windows branch,
 * a port without hotplug (libusb on Windows), and closing USB while a detach is on the wire.
 */
class RebootToDfuTest {

	private static final Duration LIMIT = Duration.ofSeconds(10);
	private static final Duration ALLOWANCE = Duration.ofSeconds(2);

	private FakeUsbPort port;
	private DfuDeviceService service;
	private final BoardEvents events = new BoardEvents();

	@AfterEach
	void closeUsb() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void aBoardThatNeedsAResetGetsGetstatusDetachWithItsTimeoutAndTheReset() throws Exception {
		Board board = start(true, false, FakeBoard.Spec.runtime("RESET").detachTimeout(700));
		DetachResult result = reboot(board);
		assertEquals(DeviceMode.DFU, result.board().mode());
		assertEquals(List.of("GETSTATUS wValue=0", "DETACH wValue=700", "reset"), port.requests());
		assertEquals(0, port.openConnections(), "a connection was left open");
	}

	@Test
	void aBoardThatDetachesItselfGetsNoReset() throws Exception {
		Board board = start(true, false, FakeBoard.Spec.runtime("WILL").willDetach());
		assertEquals(DeviceMode.DFU, reboot(board).board().mode());
		assertEquals(List.of("GETSTATUS wValue=0", "DETACH wValue=1000"), port.requests());
	}

	/** The usb-device DFU run-time class leaves when DETACH's wValue runs out: 1..8 ms after it on a real bus. */
	@Test
	void aBoardThatLeavesJustAfterItsDetachTimeoutIsFollowed() throws Exception {
		Board board = start(true, false, FakeBoard.Spec.runtime("LATE").willDetach().detachTimeout(255).selfDetachingLate(8));
		assertEquals(DeviceMode.DFU, reboot(board).board().mode());
		assertEquals(List.of("GETSTATUS wValue=0", "DETACH wValue=255"), port.requests());
	}

	@Test
	void aStalledGetstatusIsAppIdle() throws Exception {
		Board board = start(true, false, FakeBoard.Spec.runtime("MUTE").stallingGetStatus());
		assertEquals(DeviceMode.DFU, reboot(board).board().mode());
		assertEquals(List.of("GETSTATUS wValue=0", "DETACH wValue=1000", "reset"), port.requests());
	}

	/** In appDETACH a second DETACH would stall and abort the first (DFU 1.1, 6.1): it is followed by the reset. */
	@Test
	void aPendingDetachIsFollowedNotRepeated() throws Exception {
		Board board = start(true, false, FakeBoard.Spec.runtime("PENDING").detachTimeout(5000));
		try (UsbConnection connection = service.open(board.device().location())) {
			new DfuClient(connection, 0).detach(5000);
		}
		DetachResult result = reboot(board);
		assertEquals(DeviceMode.DFU, result.board().mode());
		assertEquals(List.of("DETACH wValue=5000", "GETSTATUS wValue=0", "reset"), port.requests());
	}

	@Test
	void onWindowsABoardThatNeedsAResetIsRefusedBeforeAnythingIsSent() throws Exception {
		Board board = start(false, true, FakeBoard.Spec.runtime("WIN-RESET"));
		DetachException e = assertThrows(DetachException.class, () -> reboot(board));
		assertEquals(Reason.WINDOWS_CANNOT_RESET, e.reason());
		assertEquals(List.of(), port.requests());
	}

	/**
	 * Windows: no hotplug, the registry rescans only every 3 s, and a board that detaches itself must be seen
	 * leaving within its wDetachTimeOut (500 ms here): the wait rescans by itself.
	 */
	@Test
	void onWindowsWithoutHotplugABoardThatDetachesItselfIsFollowedWithinItsTimeout() throws Exception {
		Board board = start(false, true, FakeBoard.Spec.runtime("WIN-WILL").willDetach().detachTimeout(500).reenumerate(150));
		long start = System.nanoTime();
		DetachResult result = reboot(board);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertEquals(DeviceMode.DFU, result.board().mode());
		assertTrue(millis < 150 + 1000, "in DFU mode after " + millis + " ms; the board took 150 ms");
	}

	@Test
	void withoutHotplugABoardThatNeedsAResetIsFollowedToo() throws Exception {
		Board board = start(false, false, FakeBoard.Spec.runtime("NO-HOTPLUG").reenumerate(150));
		long start = System.nanoTime();
		assertEquals(DeviceMode.DFU, reboot(board).board().mode());
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertTrue(millis < 150 + 1000, "in DFU mode after " + millis + " ms; the board took 150 ms");
	}

	@Test
	void aBoardThatNeverComesBackFailsAtItsBound() throws Exception {
		Board board = start(true, false, FakeBoard.Spec.runtime("LOST").detachTimeout(300).neverReturning());
		long start = System.nanoTime();
		DetachException e = assertThrows(DetachException.class, () -> reboot(board));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertEquals(Reason.DID_NOT_RETURN, e.reason(), e.getMessage());
		assertTrue(millis >= 300 + ALLOWANCE.toMillis() && millis < 300 + ALLOWANCE.toMillis() + 1000, millis + " ms");
	}

	/**
	 * Closing USB (the IDE shutting down) while DFU_DETACH is on the wire: the port, and with it libusb, is
	 * closed only after the operation has closed its device, not under the transfer.
	 */
	@Test
	void closingUsbDuringATransferWaitsForItBeforeClosingThePort() throws Exception {
		Board board = start(true, false, FakeBoard.Spec.runtime("HANG"));
		CountDownLatch answer = new CountDownLatch(1);
		port.boards().get(0).holdRequestsUntil(answer);
		// Threads of their own: the common pool may have a single thread on 2 cores, and this one blocks.
		ExecutorService threads = Executors.newFixedThreadPool(2);
		Future<?> rebooting = threads.submit(() -> {
			try {
				reboot(board);
			} catch (Exception e) {
				// closed under it, or failed: either way what counts is when the port closed
			}
		});
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (port.openConnections() == 0 && System.nanoTime() - deadline < 0) {
			TimeUnit.MILLISECONDS.sleep(5);
		}
		assertEquals(1, port.openConnections(), "the detach never opened the device");
		Future<?> closing = threads.submit(service::close);
		threads.shutdown();
		TimeUnit.MILLISECONDS.sleep(300);
		assertFalse(port.isClosed(), "the port was closed while a transfer was on the wire");
		answer.countDown();
		closing.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
		rebooting.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
		assertEquals(0, port.openConnections());
		assertTrue(port.isClosed(), "the port was not closed once the transfer ended");
	}

	private Board start(boolean hotplug, boolean windows, FakeBoard.Spec spec) throws Exception {
		port = new FakeUsbPort(hotplug, windows);
		service = new DfuDeviceService(() -> port, true);
		service.registry().addListener(events);
		assertEquals(UsbStatus.LISTING, UsbStart.await(service.registry(), LIMIT, new NullProgressMonitor()));
		port.attach(spec, "1-1");
		if (!hotplug) {
			service.rescanUnlessHotplug(); // as the periodic rescan would, 3 s later
		}
		return events.await(e -> e.kind() == BoardEvent.Kind.ADDED && e.board().device().serial().equals(spec.serial()),
				LIMIT, "the board's arrival").board();
	}

	private DetachResult reboot(Board board) throws DetachException {
		return new HeldReboot(service, ALLOWANCE).run(board, new NullProgressMonitor());
	}
}
