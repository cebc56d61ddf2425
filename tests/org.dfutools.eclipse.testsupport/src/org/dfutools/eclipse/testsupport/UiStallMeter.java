package org.dfutools.eclipse.testsupport;

import java.time.Duration;

import org.eclipse.swt.widgets.Display;

/**
 * The UI thread's longest stall: the longest gap between two runs of a 1 ms timer. A stall is counted when the
 * timer runs after it, so let the UI thread run (see {@link UiWait#settle}) before reading the result. Use it on
 * the UI thread only.
 */
public final class UiStallMeter {

	private final Display display;
	private final Runnable tick = this::tick;
	private long lastTick;
	private long longest;
	private boolean running;

	private UiStallMeter(Display display) {
		this.display = display;
	}

	/** Starts measuring now. */
	public static UiStallMeter start(Display display) {
		UiStallMeter meter = new UiStallMeter(display);
		meter.running = true;
		meter.reset();
		display.timerExec(1, meter.tick);
		return meter;
	}

	/** Forgets what was measured so far and measures again from now. */
	public void reset() {
		lastTick = System.nanoTime();
		longest = 0;
	}

	/** The longest stall so far. */
	public Duration longest() {
		return Duration.ofNanos(longest);
	}

	/** Stops the timer; returns the longest stall. */
	public Duration stop() {
		running = false;
		return longest();
	}

	private void tick() {
		if (!running) {
			return;
		}
		long now = System.nanoTime();
		longest = Math.max(longest, now - lastTick);
		lastTick = now;
		display.timerExec(1, tick);
	}
}
