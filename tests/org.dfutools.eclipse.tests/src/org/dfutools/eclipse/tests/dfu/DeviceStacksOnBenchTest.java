package org.dfutools.eclipse.tests.dfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dfutools.eclipse.testsupport.HeldStart;
import org.dfutools.eclipse.testsupport.HeldReboot;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.dfu.DetachException;
import org.dfutools.eclipse.core.dfu.DetachException.Reason;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.dfu.StartApplication;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reboot to DFU through usb4java and libusb against the run-time interfaces of real device stacks, as the
 * bench models them (testbench/README.md, "Behaviours of real device stacks"): each one ends in DFU mode.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class DeviceStacksOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(20);
	private static final Duration ALLOWANCE = Duration.ofMillis(1500);
	/** Cycles of the self-detach run: the count, where 4 of 31 reboots failed before. */
	private static final int CYCLES = 50;

	private static BenchRegistry bench;
	private static HeldReboot reboot;

	@BeforeAll
	static void startUsb() throws InterruptedException {
		bench = BenchRegistry.start(true, LIMIT);
		reboot = new HeldReboot(bench.service, ALLOWANCE);
	}

	@AfterAll
	static void stopUsb() {
		bench.close();
	}

	/**
	 * The usb-device DFU run-time class: it reboots by itself when DETACH's wValue (its wDetachTimeOut, 255 ms)
	 * runs out, and the bench's board leaves 8 ms after that, as a real one was seen to. With and without
	 * bitWillDetach: 50 reboots and back, not one "did not leave".
	 */
	@ParameterizedTest
	@ValueSource(strings = { "0x03", "0x0b" })
	void aBoardThatLeavesWhenDetachsTimeRunsOutIsFollowedEveryTime(String attributes) throws Exception {
		String port = attach("""
				{"name": "usb-device-%s", "runtime": {"pid": "0x00a0", "serial": "RT-A0",
				  "functional": {"attributes": "%s", "detach_timeout": 255}},
				 "dfu": {"pid": "0x00a1"},
				 "behaviour": {"detach": "leave_after_timeout", "detach_late_ms": 8, "reenumerate_delay_ms": 60}}
				""".formatted(attributes, attributes));
		List<String> failures = new ArrayList<>();
		HeldStart start = new HeldStart(bench.service, ALLOWANCE, LIMIT);
		try {
			Board board = bench.boardAt(port);
			for (int cycle = 0; cycle < CYCLES; cycle++) {
				Board inDfu;
				bench.events.clear(); // a false failure waits for this cycle's arrival in DFU mode, no earlier one
				try {
					inDfu = reboot.run(board, new NullProgressMonitor()).board();
				} catch (DetachException e) {
					failures.add("cycle " + cycle + ": " + e.reason() + ": " + e.getMessage());
					// Where a false failure leaves it: in DFU mode a moment later, or never.
					inDfu = bench.events.await(e2 -> e2.board().attached() && e2.board().mode().isDfuMode()
							&& e2.board().device().location().portPath().equals(port), LIMIT, "the board in DFU mode").board();
				}
				assertEquals(DeviceMode.DFU, inDfu.mode());
				board = start.run(inDfu, new NullProgressMonitor()).board();
			}
		} finally {
			bench.events.detachAndAwaitRemoval(port, LIMIT);
		}
		assertEquals(List.of(), failures, failures.size() + " of " + CYCLES + " reboots failed");
	}

	/** TinyUSB's run-time class: GETSTATUS is answered, GETSTATE STALLs. */
	@Test
	void aStalledGetstateWithAnAnsweredGetstatusDetaches() throws Exception {
		assertRebootsToDfu("""
				{"name": "tinyusb-getstate", "runtime": {"pid": "0x00a2"}, "dfu": {"pid": "0x00a3"},
				 "behaviour": {"runtime_getstatus": "stall_getstate"}}
				""");
	}

	/** A stack that answers GETSTATUS with a fixed appIDLE, even while a detach is pending. */
	@Test
	void aGetstatusThatAlwaysSaysAppIdleDetaches() throws Exception {
		assertRebootsToDfu("""
				{"name": "always-idle", "runtime": {"pid": "0x00a4"}, "dfu": {"pid": "0x00a5"},
				 "behaviour": {"runtime_getstatus": "always_appidle"}}
				""");
	}

	/** TinyUSB: it reboots as it answers DETACH although bitWillDetach is clear; the host's reset finds it gone. */
	@Test
	void aBoardThatLeavesAtOnceWithoutWillDetachIsFollowed() throws Exception {
		assertRebootsToDfu("""
				{"name": "tinyusb-detach", "runtime": {"pid": "0x00a6", "functional": {"attributes": "0x07"}},
				 "dfu": {"pid": "0x00a7"}, "behaviour": {"detach": "leave_at_once"}}
				""");
	}

	/** A board that reboots before DETACH's status stage: the request itself fails, the board is in DFU mode. */
	@ParameterizedTest
	@ValueSource(strings = { "0x07", "0x0f" })
	void aBoardThatLeavesBeforeDetachIsAnsweredIsFollowed(String attributes) throws Exception {
		assertRebootsToDfu("""
				{"name": "early-%s", "runtime": {"pid": "0x00a8", "functional": {"attributes": "%s"}},
				 "dfu": {"pid": "0x00a9"}, "behaviour": {"detach": "leave_before_status"}}
				""".formatted(attributes, attributes));
	}

	/** The refusal stays a refusal: a board that STALLs DETACH and stays is reported as refusing, promptly. */
	@Test
	void aStalledDetachOfABoardThatStaysIsStillARefusal() throws Exception {
		String port = attach("""
				{"name": "refuses", "runtime": {"pid": "0x00aa"}, "behaviour": {"detach": "stall"}}
				""");
		try {
			long start = System.nanoTime();
			DetachException e = assertThrows(DetachException.class, () -> reboot.run(bench.boardAt(port), new NullProgressMonitor()));
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertEquals(Reason.DETACH_STALLED, e.reason(), e.getMessage());
			assertTrue(millis < 1000 + 500, "refused after " + millis + " ms");
		} finally {
			bench.events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/**
	 * Start Application on the bootloaders of these stacks: DfuSe that jumps to the application before it answers
	 * the leave's GETSTATUS (STM32 ROM), and TinyUSB's DFU class, which is not manifestation-tolerant.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "dfuse-no-status", "tinyusb" })
	void startApplicationBringsTheseBootloadersBackToTheirApplication(String kind) throws Exception {
		String dfuse = "\"functional\": {\"attributes\": \"0x0b\", \"detach_timeout\": 255, \"version\": \"0x011a\"}";
		String port = attach(kind.equals("tinyusb") ? """
				{"name": "tinyusb-dfu", "start_mode": "dfu", "runtime": {"pid": "0x00ac"},
				 "dfu": {"pid": "0x00ad", "functional": {"attributes": "0x03"}},
				 "behaviour": {"runtime_getstatus": "stall_getstate", "detach": "leave_at_once"}}
				""" : """
				{"name": "rom-leave", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x00ae", %s},
				 "dfu": {"vid": "0x0483", "pid": "0x00af", %s, "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg"}]},
				 "behaviour": {"dfuse_leave": "no_status"}}
				""".formatted(dfuse, dfuse));
		try {
			StartApplication.Result back = new HeldStart(bench.service, ALLOWANCE, LIMIT).run(bench.boardAt(port),
					new NullProgressMonitor());
			assertEquals(DeviceMode.RUNTIME, back.board().mode());
		} finally {
			bench.events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	private static void assertRebootsToDfu(String spec) throws Exception {
		String port = attach(spec);
		try {
			assertEquals(DeviceMode.DFU, reboot.run(bench.boardAt(port), new NullProgressMonitor()).board().mode());
		} finally {
			bench.events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	private static String attach(String spec) throws Exception {
		return bench.attachAndAwait(spec, LIMIT);
	}
}
