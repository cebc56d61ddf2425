package org.dfutools.eclipse.tests.faults;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.testsupport.Leaks;
import org.junit.jupiter.api.Test;

/** The fault suite's leak check finds what it is meant to find, so that its silence means something. */
class LeaksTest {

	@Test
	void aChildProcessAndAThreadLeftRunningAreFound() throws Exception {
		Leaks.Snapshot before = Leaks.snapshot();
		Process child = new ProcessBuilder("sleep", "30").start();
		CountDownLatch release = new CountDownLatch(1);
		Thread thread = new Thread(() -> {
			try {
				release.await();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "left running");
		thread.start();
		try {
			AssertionError found = assertThrows(AssertionError.class, () -> before.assertNothingLeaked(Duration.ofMillis(200)));
			assertTrue(found.getMessage().contains("child processes") && found.getMessage().contains("sleep 30"),
					found.getMessage());
			assertTrue(found.getMessage().contains("threads [left running]"), found.getMessage());
		} finally {
			child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			release.countDown();
			thread.join(5000);
		}
		before.assertNothingLeaked(Duration.ofSeconds(5));
	}
}
