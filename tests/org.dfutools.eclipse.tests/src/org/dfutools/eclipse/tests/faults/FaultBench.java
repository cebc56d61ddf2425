package org.dfutools.eclipse.tests.faults;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.FlashLaunches.Outcome;
import org.dfutools.eclipse.testsupport.Leaks;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * What every fault case shares: a DFU Flash launch on a bench board, timed, and the checks that it ended
 * within its bound, with its own message, holding nothing (handles, claims, threads, processes, the board).
 */
final class FaultBench {

	static final Duration LIMIT = Duration.ofSeconds(30);
	/** How long a case's leftovers (a handle closing in a finally, a thread ending) may take to go. */
	static final Duration SETTLE = Duration.ofSeconds(5);

	/** A finished launch and how long it took. */
	record Run(Outcome outcome, long millis) {
		/** The failure's message, the console's error text included, for assertions and their reports. */
		String message() {
			return (outcome.failure() == null ? "(no failure)" : outcome.failure().getMessage()) + "\n--- console:\n"
					+ outcome.output() + outcome.errors();
		}
	}

	private FaultBench() {
	}

	static FlashConfiguration flash(String serial, Path file, int applicationTimeoutSeconds) {
		return FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.SERIAL, serial), file)
				.applicationTimeoutSeconds(Integer.toString(applicationTimeoutSeconds)).build();
	}

	static Run launch(FlashConfiguration values, NullProgressMonitor monitor) throws Exception {
		long start = System.nanoTime();
		Outcome outcome = FlashLaunches.run(FlashLaunches.configuration("fault", values), monitor, LIMIT);
		return new Run(outcome, Duration.ofNanos(System.nanoTime() - start).toMillis());
	}

	/** The launch failed, within {@code boundMillis}, and its message says every one of {@code phrases}. */
	static void assertFailedWith(Run run, long boundMillis, String... phrases) {
		assertNotNull(run.outcome().failure(), run::message);
		String message = run.outcome().failure().getMessage();
		for (String phrase : phrases) {
			assertTrue(message.contains(phrase), () -> "'" + phrase + "' missing from: " + run.message());
		}
		assertTrue(run.millis() <= boundMillis, () -> "took " + run.millis() + " ms, bound " + boundMillis + " ms");
	}

	/** Nothing is left behind, and no board is still claimed by a flash. */
	static void assertNothingLeft(Leaks.Snapshot before, String boardId) throws Exception {
		before.assertNothingLeaked(SETTLE);
		assertTrue(DfuCore.deviceService().busyBoards().holder(boardId).isEmpty(), "the board is still held by the flash");
	}

	/** Removes the board when it is still plugged in; a pulled-out one has gone already. */
	static void removeIfPresent(BenchRegistry bench, String port) throws Exception {
		if (UsbBench.list().stream().anyMatch(line -> line.startsWith(port + " "))) {
			bench.events.detachAndAwaitRemoval(port, LIMIT);
		}
	}
}
