package org.dfutools.eclipse.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;

/** Runs the event loop until a condition holds, for a bounded time (tests run on the UI thread). */
public final class UiWait {

	private UiWait() {
	}

	public static boolean until(Display display, Duration limit, BooleanSupplier condition) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			if (!display.readAndDispatch()) {
				// Wake at least every 20 ms: results arrive from jobs through asyncExec, which wakes us too.
				display.timerExec(20, () -> { });
				display.sleep();
			}
		}
		return true;
	}

	/** Lets pending UI work (layouts, paints) happen. */
	public static void settle(Display display, Duration time) {
		until(display, time, () -> false);
	}
}
