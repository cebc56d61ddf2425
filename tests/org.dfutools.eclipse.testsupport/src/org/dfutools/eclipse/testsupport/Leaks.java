package org.dfutools.eclipse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a fault may not leave behind: an open USB device handle (a file descriptor on a device node; closing
 * it is what releases a claimed interface in the kernel), a claimed interface that was never released on a
 * device still on the bus (from the bench's log), a thread of ours, or a child process such as dfu-util.
 * Take a {@link #snapshot()} before the case and call {@link Snapshot#assertNothingLeaked(Duration)} after.
 */
public final class Leaks {

	/** Idle pool threads that outlive their work by design (Eclipse's job workers, the JDK's process reapers). */
	private static final List<String> POOL_THREADS = List.of("Worker-", "process reaper", "ForkJoinPool",
			"Common-Cleaner", "Attach Listener");
	private static final Pattern INTERFACE = Pattern.compile("\"interface\":(\\d+)");
	private static final Pattern DEVNUM = Pattern.compile("\"devnum\":(\\d+)");
	private static final Duration POLL = Duration.ofMillis(20);

	private Leaks() {
	}

	/** The state before a case: its threads and the moment it started. */
	public static Snapshot snapshot() {
		return new Snapshot(threadIds(), System.nanoTime());
	}

	public static final class Snapshot {
		private final Set<Long> threads;
		private final long startNanos;

		private Snapshot(Set<Long> threads, long startNanos) {
			this.threads = threads;
			this.startNanos = startNanos;
		}

		/** When the snapshot was taken, in {@link System#nanoTime()}. */
		public long startNanos() {
			return startNanos;
		}

		/**
		 * Waits up to {@code limit} for the leftovers of the case to go (a handle closing in a finally, a
		 * thread ending), then fails with everything that is still there.
		 */
		public void assertNothingLeaked(Duration limit) throws IOException, InterruptedException {
			assertNothingLeaked(limit, true);
		}

		/**
		 * The same without the bench's record of claims: for a case that kills dfu-util mid-transfer, whose claims the
		 * kernel releases as it dies, which the bench does not see. Its process must be gone all the same.
		 */
		public void assertNothingLeakedButKilledToolsClaims(Duration limit) throws IOException, InterruptedException {
			assertNothingLeaked(limit, false);
		}

		private void assertNothingLeaked(Duration limit, boolean claims) throws IOException, InterruptedException {
			long deadline = System.nanoTime() + limit.toNanos();
			List<String> left;
			do {
				left = leftovers(claims);
				if (left.isEmpty()) {
					return;
				}
				TimeUnit.NANOSECONDS.sleep(Math.min(POLL.toNanos(), Math.max(0, deadline - System.nanoTime())));
			} while (System.nanoTime() - deadline < 0);
			throw new AssertionError("left behind after " + limit + ": " + String.join("; ", left));
		}

		private List<String> leftovers(boolean claimsToo) throws IOException {
			List<String> left = new ArrayList<>();
			List<String> handles = deviceHandles();
			if (!handles.isEmpty()) {
				left.add("open USB device handles " + handles);
			}
			List<String> processes = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
					.map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
			if (!processes.isEmpty()) {
				left.add("child processes " + processes);
			}
			List<String> threadsLeft = Thread.getAllStackTraces().keySet().stream()
					.filter(t -> t.isAlive() && !threads.contains(Long.valueOf(t.getId())))
					.map(Thread::getName).filter(name -> POOL_THREADS.stream().noneMatch(name::startsWith)).toList();
			if (!threadsLeft.isEmpty()) {
				left.add("threads " + threadsLeft);
			}
			if (claimsToo && BenchLog.isPresent()) {
				List<String> claims = unreleasedClaims(startNanos);
				if (!claims.isEmpty()) {
					left.add("claimed interfaces never released on a device still on the bus " + claims);
				}
			}
			return left;
		}
	}

	/** This JVM's open file descriptors on USB device nodes (under the bench they live in its testbed). */
	public static List<String> deviceHandles() throws IOException {
		return openDescriptors().stream().filter(target -> target.contains("/dev/bus/usb/")).toList();
	}

	/** What each of this JVM's open file descriptors points at ("socket:[INODE]", a path, "pipe:[...]"). */
	public static List<String> openDescriptors() throws IOException {
		List<String> targets = new ArrayList<>();
		try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
			for (Path descriptor : descriptors.toList()) {
				try {
					targets.add(Files.readSymbolicLink(descriptor).toString());
				} catch (IOException e) {
					// closed while we looked (the listing's own descriptor, or a handle just released)
				}
			}
		}
		return targets;
	}

	/**
	 * Claims (port, device number, interface) logged by the bench since {@code fromNanos} with no release,
	 * on a device that has not left the bus since: the kernel drops every claim with the device.
	 */
	static List<String> unreleasedClaims(long fromNanos) throws IOException {
		long from = TimeUnit.NANOSECONDS.toMicros(fromNanos);
		Map<String, Integer> open = new HashMap<>();
		for (BenchLog.Event event : BenchLog.all()) {
			if (event.micros() < from) {
				continue;
			}
			String device = event.port() + " devnum " + field(DEVNUM, event.line());
			switch (event.name()) {
			case "claim" -> open.merge(device + " interface " + field(INTERFACE, event.line()), 1, Integer::sum);
			case "release" -> open.merge(device + " interface " + field(INTERFACE, event.line()), -1, Integer::sum);
			case "disconnect" -> open.keySet().removeIf(claim -> claim.startsWith(device + " "));
			default -> {
				// other events say nothing about claims
			}
			}
		}
		return open.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted()
				.collect(Collectors.toList());
	}

	private static String field(Pattern pattern, String line) {
		Matcher matcher = pattern.matcher(line);
		return matcher.find() ? matcher.group(1) : "?";
	}

	private static Set<Long> threadIds() {
		return Thread.getAllStackTraces().keySet().stream().map(t -> Long.valueOf(t.getId()))
				.collect(Collectors.toSet());
	}
}
