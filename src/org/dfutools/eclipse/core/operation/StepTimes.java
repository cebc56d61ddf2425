package org.dfutools.eclipse.core.operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The steps an operation has done and how long each took, from the operation's start, for its summary. */
public final class StepTimes {

	/** One step and how long it took. */
	public record Step(String name, Duration duration) {
	}

	private final long start = System.nanoTime();
	private final List<Step> steps = new ArrayList<>();

	/** A step that began at {@code startNanos} ({@link System#nanoTime()}) has ended now. */
	public void done(String name, long startNanos) {
		steps.add(new Step(name, since(startNanos)));
	}

	/** A step that began with the operation has ended now. */
	public void doneSinceStart(String name) {
		done(name, start);
	}

	public List<Step> steps() {
		return List.copyOf(steps);
	}

	public Duration total() {
		return since(start);
	}

	public static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}
}
