package org.dfutools.eclipse.tests.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent.Kind;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.testsupport.BoardEvents;
import org.dfutools.eclipse.testsupport.ClassBench;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Boards that misbehave, read through the real backend without hotplug (the periodic rescan that
 * platforms without hotplug get): each is listed sanely with its problem.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class BadDevicesOnBenchTest {

	/** The rescan period (3 s) plus reading. */
	private static final Duration LIMIT = Duration.ofSeconds(15);

	@RegisterExtension
	static final ClassBench BENCH = new ClassBench(false, LIMIT);

	private static DeviceRegistry registry;
	private static BoardEvents events;

	@BeforeAll
	static void theFirstRescanListedTheBenchBoard() {
		registry = BENCH.get().registry;
		events = BENCH.get().events;
		assertTrue(registry.boards().stream().anyMatch(b -> b.device().location().portPath().equals("1-1")),
				"the first rescan missed the bench board: " + registry.boards());
	}

	@Test
	void stringErrorsAreAProblemOnAListedBoard() throws Exception {
		String port = UsbBench.attach("""
				{"name": "mute", "runtime": {"pid": "0x0040"}, "behaviour": {"string_errors": true}}
				""");
		try {
			Board board = events.await(e -> e.kind() == Kind.ADDED && at(e.board(), port), LIMIT, "ADDED").board();
			assertTrue(board.device().hasProblem(DeviceProblem.Kind.STRING_READ_FAILED), board.device().problems().toString());
			assertEquals("", board.device().product());
			assertEquals("1209:0040", board.device().displayName());
		} finally {
			events.detachAndAwaitRemoval(port, LIMIT); // seen by the periodic rescan: there is no hotplug here
		}
	}

	@Test
	void identicalBoardsWithoutSerialsAreTwoRows() throws Exception {
		String spec = """
				{"name": "twin", "runtime": {"pid": "0x0050", "serial": null}}
				""";
		String first = UsbBench.attach(spec);
		String second = UsbBench.attach(spec);
		try {
			Board a = events.await(e -> e.kind() == Kind.ADDED && at(e.board(), first), LIMIT, "first twin").board();
			Board b = events.await(e -> e.kind() == Kind.ADDED && at(e.board(), second), LIMIT, "second twin").board();
			assertNotEquals(a.id(), b.id());
			assertEquals(a.device().id(), b.device().id());
		} finally {
			events.detachAndAwaitRemoval(first, LIMIT);
			events.detachAndAwaitRemoval(second, LIMIT);
		}
	}

	@Test
	void runtimeInterfaceWithoutFunctionalDescriptorIsListedWithTheProblem() throws Exception {
		String port = UsbBench.attach("""
				{"name": "bare", "runtime": {"pid": "0x0060", "functional": null}}
				""");
		try {
			Board board = events.await(e -> e.kind() == Kind.ADDED && at(e.board(), port), LIMIT, "ADDED").board();
			assertEquals(DeviceMode.RUNTIME, board.mode());
			assertTrue(board.device().functional().isEmpty());
			assertTrue(board.device().hasProblem(DeviceProblem.Kind.NO_FUNCTIONAL_DESCRIPTOR),
					board.device().problems().toString());
		} finally {
			events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	private static boolean at(Board board, String port) {
		return board.device().location().portPath().equals(port);
	}
}
