package org.dfutools.eclipse.tests.dfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.dfutools.eclipse.testsupport.HeldStart;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.dfu.StartApplication;
import org.dfutools.eclipse.core.dfu.StartApplicationException;
import org.dfutools.eclipse.core.dfu.StartApplicationException.Reason;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.ClassBench;
import org.dfutools.eclipse.testsupport.Leaks;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Start Application through usb4java and libusb against simulated bootloaders, with and without an application. */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class StartApplicationOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(20);
	private static final Duration ALLOWANCE = Duration.ofMillis(1500);
	private static final Duration APPLICATION = Duration.ofSeconds(3);

	@RegisterExtension
	static final ClassBench BENCH = new ClassBench(true, LIMIT);

	private static HeldStart start;

	@BeforeAll
	static void createStartApplication() {
		start = new HeldStart(BENCH.get().service, ALLOWANCE, APPLICATION);
	}

	@Test
	void aDfuSeBootloaderLeavesForItsApplication() throws Exception {
		String port = BENCH.attach("""
				{"name": "dfuse-leave", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x5750", "serial": "DS-1"},
				 "dfu": {"vid": "0x0483", "pid": "0xdf11", "serial": "DS-1",
				         "functional": {"attributes": "0x0b", "version": "0x011a"},
				         "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg"}, {"name": "@Option Bytes  /0x1FFFC000/01*016 e"}]},
				 "behaviour": {"reenumerate_delay_ms": 300}}
				""");
		try {
			Board board = BENCH.get().boardAt(port);
			assertEquals(DeviceMode.DFUSE, board.mode());
			Leaks.Snapshot before = Leaks.snapshot();
			StartApplication.Result result = start.run(board, new NullProgressMonitor());
			assertEquals(board.id(), result.board().id());
			assertEquals(DeviceMode.RUNTIME, result.board().mode());
			assertTrue(result.back().toMillis() >= 300, "back before the re-enumeration delay? " + result);
			before.assertNothingLeaked(LIMIT);
			if (BenchLog.isPresent()) {
				// The leave: a zero-length DNLOAD (bRequest 1, wLength 0), no reset by the host.
				List<BenchLog.Event> events = BenchLog.events(port, before.startNanos());
				assertTrue(events.stream().anyMatch(e -> e.line().contains("\"bmRequestType\":33,\"bRequest\":1,")
						&& e.line().contains("\"wLength\":0")), "no zero-length DFU_DNLOAD");
				assertTrue(events.stream().noneMatch(BenchLog.Event::isHostReset), "a DfuSe leave needs no reset");
			}
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aPlainBootloaderThatRefusesDetachIsResetIntoItsApplication() throws Exception {
		// DFU 1.1 leaves DFU_DETACH undefined in DFU mode; the bench STALLs it, as many bootloaders do.
		String port = BENCH.attach("""
				{"name": "plain-leave", "start_mode": "dfu", "runtime": {"pid": "0x00d2", "serial": "PL-1"},
				 "dfu": {"pid": "0x00d3", "functional": {"attributes": "0x07"}, "alts": [{"name": "Flash"}, {"name": "Data"}]},
				 "behaviour": {"reenumerate_delay_ms": 200}}
				""");
		try {
			Board board = BENCH.get().boardAt(port);
			Leaks.Snapshot before = Leaks.snapshot();
			StartApplication.Result result = start.run(board, new NullProgressMonitor());
			assertEquals(DeviceMode.RUNTIME, result.board().mode());
			assertEquals("PL-1", result.board().device().serial());
			before.assertNothingLeaked(LIMIT);
			if (BenchLog.isPresent()) {
				assertTrue(BenchLog.events(port, before.startNanos()).stream().anyMatch(BenchLog.Event::isHostReset), "no USB reset");
			}
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aBootloaderWithoutAValidApplicationSaysSoAtOnce() throws Exception {
		// DFU 1.1: after the reset it reports errFIRMWARE, "cannot return to run-time operations".
		String port = BENCH.attach("""
				{"name": "no-app", "start_mode": "dfu", "runtime": {"pid": "0x00da"},
				 "dfu": {"pid": "0x00d4", "functional": {"attributes": "0x07"}}, "behaviour": {"application_valid": false}}
				""");
		try {
			Board board = BENCH.get().boardAt(port);
			long started = System.nanoTime();
			StartApplicationException failure = assertThrows(StartApplicationException.class,
					() -> start.run(board, new NullProgressMonitor()));
			long millis = (System.nanoTime() - started) / 1_000_000;
			assertEquals(Reason.STAYED_IN_DFU_MODE, failure.reason());
			assertTrue(failure.getMessage().contains("stayed in DFU mode: its bootloader reports errFIRMWARE"), failure.getMessage());
			assertTrue(millis < 1000, "took " + millis + " ms: the bootloader said so at once");
			assertEquals(DeviceMode.DFU, BENCH.get().boardAt(port).mode(), "the board's row is gone or changed");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aBootloaderThatJustStaysIsReportedAfterTheAllowance() throws Exception {
		// A bootloader-only board: it takes the reset and carries on in DFU mode, saying nothing.
		String port = BENCH.attach("""
				{"name": "stays", "runtime": null, "dfu": {"pid": "0x00db", "functional": {"attributes": "0x07"}}}
				""");
		try {
			long started = System.nanoTime();
			StartApplicationException failure = assertThrows(StartApplicationException.class,
					() -> start.run(BENCH.get().boardAt(port), new NullProgressMonitor()));
			long millis = (System.nanoTime() - started) / 1_000_000;
			assertEquals(Reason.STAYED_IN_DFU_MODE, failure.reason());
			assertTrue(failure.getMessage().contains("stayed in DFU mode: its bootloader did not start an application"),
					failure.getMessage());
			assertTrue(millis >= ALLOWANCE.toMillis() && millis < ALLOWANCE.toMillis() + 1000, "took " + millis + " ms");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aBoardThatNeverComesBackFailsWithinTheApplicationTimeoutAndLosesItsRow() throws Exception {
		String port = BENCH.attach("""
				{"name": "gone", "start_mode": "dfu", "runtime": {"pid": "0x00d6"},
				 "dfu": {"pid": "0x00d7", "functional": {"attributes": "0x07"}}, "behaviour": {"never_reenumerate": true}}
				""");
		Board board = BENCH.get().boardAt(port);
		long started = System.nanoTime();
		StartApplicationException failure = assertThrows(StartApplicationException.class,
				() -> start.run(board, new NullProgressMonitor()));
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertEquals(Reason.DID_NOT_RETURN, failure.reason(), failure.getMessage());
		assertTrue(millis >= APPLICATION.toMillis() && millis < APPLICATION.toMillis() + ALLOWANCE.toMillis() + 1000,
				"took " + millis + " ms");
		assertTrue(BENCH.get().registry.board(board.id()).isEmpty(), "the row of a board that did not come back stays");
		UsbBench.detach(port);
	}

	@Test
	void aRunTimeBoardIsRefused() throws Exception {
		String port = BENCH.attach("""
				{"name": "runs", "runtime": {"pid": "0x00d8"}, "dfu": {"pid": "0x00d9"}}
				""");
		try {
			StartApplicationException failure = assertThrows(StartApplicationException.class,
					() -> start.run(BENCH.get().boardAt(port), new NullProgressMonitor()));
			assertEquals(Reason.NOT_IN_DFU_MODE, failure.reason());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}}
