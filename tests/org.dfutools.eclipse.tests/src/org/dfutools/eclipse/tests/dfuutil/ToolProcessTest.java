package org.dfutools.eclipse.tests.dfuutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dfutools.eclipse.core.dfuutil.ToolProcess;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;

/** The one way the plugin runs dfu-util: bounded output, a limit, cancellation, and nothing left running. */
class ToolProcessTest {

	private static final Duration LIMIT = Duration.ofSeconds(10);

	@Test
	void aToolThatPrintsMuchIsReadToItsEndButOnlyItsBeginningKept() throws Exception {
		AtomicLong seen = new AtomicLong();
		ToolProcess.Ended ended = ToolProcess.run(List.of("sh", "-c", "head -c 200000 /dev/zero | tr '\\0' x; exit 3"), LIMIT,
				new NullProgressMonitor(), text -> seen.addAndGet(text.length()), () -> {
				});
		assertEquals(3, ended.exitStatus());
		assertEquals(200_000, seen.get(), "the listener sees all of it");
		assertEquals(64 * 1024, ended.output().length(), "what is kept is bounded");
	}

	@Test
	void aToolPastItsLimitIsKilled() throws Exception {
		long start = System.nanoTime();
		assertThrows(ToolProcess.TimedOut.class, () -> ToolProcess.run(List.of("sleep", "600"), Duration.ofMillis(300),
				new NullProgressMonitor(), text -> {
				}, () -> {
				}));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertTrue(millis < 300 + 1000, "ended after " + millis + " ms");
		assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("").endsWith("sleep")),
				"the tool outlived its limit");
	}

	/** Cancelled, a tool that ignores SIGTERM goes at once, and so does what it started. */
	@Test
	void cancellingKillsTheToolAndItsChildren() throws Exception {
		NullProgressMonitor monitor = new NullProgressMonitor();
		AtomicLong child = new AtomicLong();
		Pattern pid = Pattern.compile("child (\\d+)");
		long[] cancelledAt = new long[1];
		long start = System.nanoTime();
		assertThrows(OperationCanceledException.class, () -> ToolProcess.run(
				List.of("sh", "-c", "trap '' TERM; sleep 600 & echo child $!; wait"), LIMIT, monitor, text -> {
					Matcher found = pid.matcher(text);
					if (found.find()) {
						child.set(Long.parseLong(found.group(1)));
					}
				}, () -> {
					if (child.get() != 0 && cancelledAt[0] == 0) {
						cancelledAt[0] = System.nanoTime();
						monitor.setCanceled(true);
					}
				}));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt[0]);
		assertTrue(cancelledAt[0] != 0, "the tool never said its child's pid");
		assertTrue(millis < 1000, "ended " + millis + " ms after the cancel");
		assertFalse(running(child.get()), "its child outlived it");
		assertTrue(System.nanoTime() - start < LIMIT.toNanos());
	}

	/** Whether the process still runs: killed, an orphan stays a zombie until something reaps it. */
	private static boolean running(long pid) throws Exception {
		java.nio.file.Path stat = java.nio.file.Path.of("/proc", Long.toString(pid), "stat");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		while (System.nanoTime() - deadline < 0) {
			if (!java.nio.file.Files.exists(stat)) {
				return false;
			}
			String fields = java.nio.file.Files.readString(stat);
			char state = fields.charAt(fields.lastIndexOf(')') + 2);
			if (state == 'Z' || state == 'X') {
				return false;
			}
			TimeUnit.MILLISECONDS.sleep(10);
		}
		return true;
	}
}
