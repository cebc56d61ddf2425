package org.dfutools.eclipse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated bench's event log ({@code testbench/usbsim --log FILE}, named to the tests by
 * {@value #VARIABLE}): one JSON object per line, stamped in microseconds of the monotonic clock that
 * {@link System#nanoTime()} also reads, so that what the bench saw lines up with what a test timed.
 */
public final class BenchLog {

	/** The environment variable naming the log file. */
	public static final String VARIABLE = "DFU_BENCH_LOG";

	private static final Pattern TIME = Pattern.compile("\"t_us\":(\\d+)");
	private static final Pattern PORT = Pattern.compile("\"port\":\"([^\"]*)\"");
	private static final Pattern EVENT = Pattern.compile("\"event\":\"([^\"]*)\"");

	/** One line of the log: when (µs), on which port, which event, and the whole line for its other fields. */
	public record Event(long micros, String port, String name, String line) {

		/** A USB reset the host asked for (USBDEVFS_RESET), not the one of an enumeration. */
		public boolean isHostReset() {
			return name.equals("reset") && line.contains("\"reason\":\"host\"");
		}
	}

	private BenchLog() {
	}

	/** Whether the bench was started with a log that tests can read. */
	public static boolean isPresent() {
		return path().isPresent();
	}

	/** Every event the bench logged so far on this port. */
	public static List<Event> events(String port) throws IOException {
		return all().stream().filter(event -> event.port().equals(port)).toList();
	}

	/** The events the bench logged on this port since a {@link System#nanoTime()} reading (a port is reused by later boards). */
	public static List<Event> events(String port, long fromNanos) throws IOException {
		long from = TimeUnit.NANOSECONDS.toMicros(fromNanos);
		return events(port).stream().filter(event -> event.micros() >= from).toList();
	}

	/** Every event the bench logged so far, on every port. */
	public static List<Event> all() throws IOException {
		Path file = path().orElseThrow(() -> new AssertionError(VARIABLE + " does not name the bench's log"));
		List<Event> events = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			Matcher time = TIME.matcher(line);
			Matcher where = PORT.matcher(line);
			Matcher what = EVENT.matcher(line);
			if (time.find() && where.find() && what.find()) {
				events.add(new Event(Long.parseLong(time.group(1)), where.group(1), what.group(1), line));
			}
		}
		return events;
	}

	/**
	 * The ports that, since a {@link System#nanoTime()} reading, saw an interface claim, a host's USB reset or
	 * a DFU class request (bmRequestType 0x21 or 0xA1): the boards that something worked on, sorted.
	 */
	/**
	 * CDC ACM's class requests (SET_LINE_CODING, GET_LINE_CODING, SET_CONTROL_LINE_STATE), which the kernel's cdc_acm
	 * sends on its own when a board with a serial port enumerates or its port is opened: they touch no DFU state.
	 */
	private static final Pattern SERIAL_REQUEST = Pattern.compile("\"bRequest\":3[234][,}]");

	public static List<String> touchedPorts(long fromNanos) throws IOException {
		long from = TimeUnit.NANOSECONDS.toMicros(fromNanos);
		return all().stream().filter(e -> e.micros() >= from)
				.filter(e -> e.name().equals("claim") || e.isHostReset()
						|| e.name().equals("setup") && (e.line().contains("\"bmRequestType\":33")
								|| e.line().contains("\"bmRequestType\":161")) && !SERIAL_REQUEST.matcher(e.line()).find())
				.map(Event::port).distinct().sorted().toList();
	}

	/**
	 * The device's own re-enumerations on this port between two {@link System#nanoTime()} readings: from
	 * the moment it left (the host's USB reset, or its own disconnect when it detaches itself) to the
	 * moment the bench had enumerated it again and announced it ("connect").
	 */
	public static List<Duration> reenumerations(String port, long fromNanos, long toNanos) throws IOException {
		long from = TimeUnit.NANOSECONDS.toMicros(fromNanos);
		long to = TimeUnit.NANOSECONDS.toMicros(toNanos);
		List<Duration> found = new ArrayList<>();
		Long left = null;
		for (Event event : events(port)) {
			if (event.micros() < from || event.micros() > to) {
				continue;
			}
			boolean leaving = event.name().equals("disconnect") || event.isHostReset();
			if (leaving && left == null) {
				left = event.micros();
			} else if (event.name().equals("connect") && left != null) {
				found.add(Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(event.micros() - left)));
				left = null;
			}
		}
		return found;
	}

	private static Optional<Path> path() {
		String named = System.getenv(VARIABLE);
		return named == null || named.isBlank() ? Optional.empty() : Optional.of(Path.of(named));
	}
}
