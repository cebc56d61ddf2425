package org.dfutools.eclipse.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.serial.MonitorOutput;

/** What a serial monitor gave out (the board's text, the monitor's own lines), with bounded waits for either. */
public final class MonitorTranscript implements MonitorOutput {

	private final Duration limit;
	private final List<String> notes = new ArrayList<>();
	private final StringBuilder text = new StringBuilder();

	public MonitorTranscript(Duration limit) {
		this.limit = limit;
	}

	@Override
	public synchronized void received(byte[] bytes, int length) {
		text.append(new String(bytes, 0, length, StandardCharsets.UTF_8));
		notifyAll();
	}

	@Override
	public synchronized void note(String line) {
		notes.add(line);
		notifyAll();
	}

	public synchronized List<String> notes() {
		return List.copyOf(notes);
	}

	public synchronized String text() {
		return text.toString();
	}

	/** Waits for a line of the monitor's own that matches; returns it. */
	public synchronized String await(Predicate<String> wanted) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			for (String note : notes) {
				if (wanted.test(note)) {
					return note;
				}
			}
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				throw new AssertionError("no such line among the monitor's: " + notes);
			}
			wait(left);
		}
	}

	/** Waits until the board's text, from {@code from} on, holds {@code wanted}; returns where it ends. */
	public synchronized int awaitText(String wanted, int from) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			int at = text.indexOf(wanted, from);
			if (at >= 0) {
				return at + wanted.length();
			}
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				throw new AssertionError("the board's text never had " + wanted + " after " + from + ": " + text);
			}
			wait(left);
		}
	}

	public int awaitText(String wanted) throws InterruptedException {
		return awaitText(wanted, 0);
	}
}
