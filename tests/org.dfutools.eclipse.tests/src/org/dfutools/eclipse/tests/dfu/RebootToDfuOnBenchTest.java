package org.dfutools.eclipse.tests.dfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.testsupport.HeldReboot;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.dfu.DetachException;
import org.dfutools.eclipse.core.dfu.DetachException.Reason;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.ClassBench;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reboot to DFU through usb4java and libusb against simulated boards that behave well and badly. */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class RebootToDfuOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(20);
	private static final Duration ALLOWANCE = Duration.ofMillis(1500);

	@RegisterExtension
	static final ClassBench BENCH = new ClassBench(true, LIMIT);

	private static HeldReboot reboot;

	@BeforeAll
	static void createRebootToDfu() {
		reboot = new HeldReboot(BENCH.get().service, ALLOWANCE);
	}

	/**
	 * Real libusb without hotplug (as on Windows, where the registry rescans every 3 s): a board that detaches
	 * itself must be seen leaving within its wDetachTimeOut, 500 ms here. The wait rescans by itself.
	 */
	@Test
	void withoutHotplugABoardThatDetachesItselfIsSeenLeavingWithinItsTimeout() throws Exception {
		try (BenchRegistry polled = BenchRegistry.start(false, LIMIT)) {
			String port = UsbBench.attach("""
					{"name": "no-hotplug", "runtime": {"pid": "0x009a", "serial": "POLL-9A",
					  "functional": {"attributes": "0x0f", "detach_timeout": 500}},
					 "dfu": {"pid": "0x009b"}, "behaviour": {"reenumerate_delay_ms": 200}}
					""");
			try {
				polled.service.rescanUnlessHotplug(); // listed now rather than at the next periodic rescan
				Board board = polled.events.await(e -> e.kind() == BoardEvent.Kind.ADDED
						&& e.board().device().location().portPath().equals(port), LIMIT, "ADDED").board();
				long start = System.nanoTime();
				DetachResult result = new HeldReboot(polled.service, ALLOWANCE).run(board, new NullProgressMonitor());
				long millis = (System.nanoTime() - start) / 1_000_000;
				assertEquals(DeviceMode.DFU, result.board().mode());
				assertTrue(millis < 200 + 1000, "in DFU mode after " + millis + " ms; the board took 200 ms");
			} finally {
				UsbBench.detach(port);
			}
		}
	}

	@Test
	void resetPathFollowsTheBoardToAnotherIdAndSerial() throws Exception {
		String port = BENCH.attach("""
				{"name": "reset-path", "runtime": {"pid": "0x0080", "serial": "RT-80",
				  "functional": {"attributes": "0x07", "detach_timeout": 800}},
				 "dfu": {"pid": "0x0081", "serial": "BOOT-80"}, "behaviour": {"reenumerate_delay_ms": 200}}
				""");
		try {
			Board board = boardAt(port);
			DetachResult result = reboot.run(board, new NullProgressMonitor());
			assertEquals(board.id(), result.board().id());
			assertEquals(DeviceMode.DFU, result.board().mode());
			assertEquals(Optional.of(new UsbId(0x1209, 0x0081)), result.board().dfuId());
			assertEquals("BOOT-80", result.board().device().serial());
			assertTrue(result.deviceBack().toMillis() >= 200, "back before the re-enumeration delay? " + result);
			assertTrue(result.deviceBack().toMillis() < 800 + ALLOWANCE.toMillis(), result.toString());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	@EnabledIfEnvironmentVariable(named = BenchLog.VARIABLE, matches = ".+", disabledReason = "run-tests gives the bench a log")
	void theWireCarriesTheDevicesDetachTimeoutAndTheResetComesInsideIt() throws Exception {
		String port = BENCH.attach("""
				{"name": "on-the-wire", "runtime": {"pid": "0x0094", "functional": {"attributes": "0x07", "detach_timeout": 750}},
				 "dfu": {"pid": "0x0095"}}
				""");
		try {
			reboot.run(boardAt(port), new NullProgressMonitor());
			List<BenchLog.Event> events = BenchLog.events(port);
			int detach = -1;
			for (int index = events.size() - 1; index >= 0 && detach < 0; index--) {
				if (events.get(index).line().contains("\"bmRequestType\":33,\"bRequest\":0,")) {
					detach = index;
				}
			}
			assertTrue(detach >= 0, "no DFU_DETACH for " + port + " in the bench's log");
			BenchLog.Event sent = events.get(detach);
			assertTrue(sent.line().contains("\"wValue\":750,"), "wValue is not wDetachTimeOut: " + sent.line());
			BenchLog.Event reset = events.subList(detach, events.size()).stream()
					.filter(BenchLog.Event::isHostReset)
					.findFirst().orElseThrow(() -> new AssertionError("no USB reset after DFU_DETACH"));
			long micros = reset.micros() - sent.micros();
			assertTrue(micros >= 0 && micros < 750_000, "reset " + micros + " us after DFU_DETACH; wDetachTimeOut is 750 ms");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void slowReenumerationInsideTheBoundSucceeds() throws Exception {
		// Back after 1.4 s: longer than dfu-util would wait for nothing, inside 500 ms + the 1.5 s allowance.
		String port = BENCH.attach("""
				{"name": "slow", "runtime": {"pid": "0x0096", "functional": {"attributes": "0x07", "detach_timeout": 500}},
				 "dfu": {"pid": "0x0097"}, "behaviour": {"reenumerate_delay_ms": 1400}}
				""");
		try {
			DetachResult result = reboot.run(boardAt(port), new NullProgressMonitor());
			assertEquals(DeviceMode.DFU, result.board().mode());
			assertTrue(result.deviceBack().toMillis() >= 1400, result.toString());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void willDetachPathNeedsNoReset() throws Exception {
		String port = BENCH.attach("""
				{"name": "will-detach", "runtime": {"pid": "0x0082", "functional": {"attributes": "0x0f"}},
				 "dfu": {"pid": "0x0083"}, "behaviour": {"reenumerate_delay_ms": 100}}
				""");
		try {
			DetachResult result = reboot.run(boardAt(port), new NullProgressMonitor());
			assertEquals(DeviceMode.DFU, result.board().mode());
			assertEquals(new UsbId(0x1209, 0x0083), result.board().device().id());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void boardThatNeverComesBackFailsAtTheBoundNotAtAFixedDelay() throws Exception {
		String port = BENCH.attach("""
				{"name": "lost", "runtime": {"pid": "0x0084", "functional": {"attributes": "0x07", "detach_timeout": 300}},
				 "dfu": {"pid": "0x0085"}, "behaviour": {"never_reenumerate": true}}
				""");
		try {
			long start = System.nanoTime();
			DetachException e = assertThrows(DetachException.class, () -> reboot.run(boardAt(port), new NullProgressMonitor()));
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertEquals(Reason.DID_NOT_RETURN, e.reason(), e.getMessage());
			assertTrue(e.getMessage().contains("1800 ms"), e.getMessage());
			assertTrue(millis >= 1800 && millis < 1800 + 1000, "failed after " + millis + " ms, the bound is 1800 ms");
		} finally {
			UsbBench.detach(port);
		}
	}

	@Test
	void boardThatComesBackInRuntimeModeIsReported() throws Exception {
		String port = BENCH.attach("""
				{"name": "stubborn", "runtime": {"pid": "0x0086", "serial": "ST-86"}, "dfu": {"pid": "0x0087"},
				 "behaviour": {"return_in_runtime": true}}
				""");
		try {
			DetachException e = assertThrows(DetachException.class, () -> reboot.run(boardAt(port), new NullProgressMonitor()));
			assertEquals(Reason.RETURNED_IN_RUNTIME, e.reason(), e.getMessage());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void willDetachBoardThatIgnoresDetachNeverLeaves() throws Exception {
		String port = BENCH.attach("""
				{"name": "deaf", "runtime": {"pid": "0x0092", "functional": {"attributes": "0x0f", "detach_timeout": 400}},
				 "behaviour": {"detach": "ignore"}}
				""");
		try {
			long start = System.nanoTime();
			DetachException e = assertThrows(DetachException.class, () -> reboot.run(boardAt(port), new NullProgressMonitor()));
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertEquals(Reason.DID_NOT_LEAVE, e.reason(), e.getMessage());
			assertTrue(millis >= 400 && millis < 1400, "gave up after " + millis + " ms; its detach timeout is 400 ms");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void stalledDetachIsRefusedWithoutReset() throws Exception {
		String port = BENCH.attach("""
				{"name": "refuses", "runtime": {"pid": "0x0088"}, "behaviour": {"detach": "stall"}}
				""");
		try {
			Board board = boardAt(port);
			DetachException e = assertThrows(DetachException.class, () -> reboot.run(board, new NullProgressMonitor()));
			assertEquals(Reason.DETACH_STALLED, e.reason(), e.getMessage());
			assertTrue(BENCH.get().registry.board(board.id()).isPresent(), "the board should still be there");
			// Nothing was left claimed or open: a second try meets the same refusal, not a busy interface.
			DetachException again = assertThrows(DetachException.class, () -> reboot.run(board, new NullProgressMonitor()));
			assertEquals(Reason.DETACH_STALLED, again.reason(), again.getMessage());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void stalledGetStatusAtRuntimeIsAllowed() throws Exception {
		String port = BENCH.attach("""
				{"name": "no-status", "runtime": {"pid": "0x008a"}, "dfu": {"pid": "0x008b"},
				 "behaviour": {"runtime_getstatus": "stall"}}
				""");
		try {
			assertEquals(DeviceMode.DFU, reboot.run(boardAt(port), new NullProgressMonitor()).board().mode());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void accessDeniedSaysSo() throws Exception {
		String port = BENCH.attach("""
				{"name": "locked", "runtime": {"pid": "0x008c"}, "behaviour": {"open_error": "EACCES"}}
				""");
		try {
			DetachException e = assertThrows(DetachException.class, () -> reboot.run(boardAt(port), new NullProgressMonitor()));
			assertEquals(Reason.ACCESS_DENIED, e.reason(), e.getMessage());
			assertTrue(e.getMessage().contains("udev"), e.getMessage());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void cancellingTheWaitEndsItPromptly() throws Exception {
		String port = BENCH.attach("""
				{"name": "slow", "runtime": {"pid": "0x008e"}, "dfu": {"pid": "0x008f"},
				 "behaviour": {"never_reenumerate": true}}
				""");
		try {
			NullProgressMonitor monitor = new NullProgressMonitor();
			java.util.concurrent.atomic.AtomicLong cancelledAt = new java.util.concurrent.atomic.AtomicLong();
			Thread canceller = new Thread(() -> {
				try {
					Thread.sleep(300);
				} catch (InterruptedException e) {
					return;
				}
				cancelledAt.set(System.nanoTime());
				monitor.setCanceled(true);
			});
			canceller.start();
			DetachException e = assertThrows(DetachException.class, () -> reboot.run(boardAt(port), monitor));
			long ended = System.nanoTime();
			assertEquals(Reason.CANCELLED, e.reason());
			// Timed from the cancel itself, not from a thread's start and sleep, which a busy machine stretches.
			long millis = (ended - cancelledAt.get()) / 1_000_000;
			assertTrue(cancelledAt.get() != 0 && millis < 1000, "ended " + millis + " ms after the cancel");
		} finally {
			UsbBench.detach(port);
		}
	}

	@Test
	void onlyTheSelectedOfTwoIdenticalBoardsDetaches() throws Exception {
		String spec = """
				{"name": "twin", "runtime": {"pid": "0x0090", "serial": null}, "dfu": {"pid": "0x0091"}}
				""";
		String first = BENCH.attach(spec);
		String second = BENCH.attach(spec);
		try {
			Board other = boardAt(second);
			DetachResult result = reboot.run(boardAt(first), new NullProgressMonitor());
			assertEquals(first, result.board().device().location().portPath());
			assertEquals(other, BENCH.get().registry.board(other.id()).orElseThrow(), "the other twin was touched");
			assertEquals(DeviceMode.RUNTIME, BENCH.get().registry.board(other.id()).orElseThrow().mode());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(first, LIMIT);
			BENCH.get().events.detachAndAwaitRemoval(second, LIMIT);
		}
	}

	private static Board boardAt(String port) {
		return BENCH.get().boardAt(port);
	}
}
