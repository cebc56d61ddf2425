package org.dfutools.eclipse.ui.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.dfutools.eclipse.testsupport.UiWait;
import org.eclipse.jface.action.StatusLineManager;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The results of board commands on a real JFace status line: each command's line goes after its own time, and never
 * takes a later command's line with it.
 */
class StatusLineReportTest {

	private static final int SHOWN_MILLIS = 600;

	private final Display display = Display.getCurrent();
	private Shell shell;
	private StatusLineManager manager;
	private Composite statusLine;

	@BeforeEach
	void makeAStatusLine() {
		shell = new Shell(display);
		manager = new StatusLineManager();
		statusLine = (Composite) manager.createControl(shell);
	}

	@AfterEach
	void disposeIt() {
		shell.dispose();
	}

	@Test
	void anOlderCommandsTimerLeavesALaterCommandsResult() {
		StatusLineReport first = new StatusLineReport(manager, display, SHOWN_MILLIS);
		StatusLineReport second = new StatusLineReport(manager, display, SHOWN_MILLIS);
		first.accept("Board (1-1) is in DFU mode as 1209:0002 after 210 ms");
		UiWait.settle(display, Duration.ofMillis(SHOWN_MILLIS / 2));
		second.accept("Board (1-2) is in DFU mode as 1209:0002 after 205 ms");
		// The first command's time is up; the second's is not.
		UiWait.settle(display, Duration.ofMillis(SHOWN_MILLIS / 2 + 150));
		assertEquals("Board (1-2) is in DFU mode as 1209:0002 after 205 ms", message(statusLine));
		assertTrue(UiWait.until(display, Duration.ofSeconds(5), () -> message(statusLine).isEmpty()),
				"the second command's line stays: " + message(statusLine));
	}

	@Test
	void theResultsOfOneCommandShareTheLine() {
		StatusLineReport command = new StatusLineReport(manager, display, SHOWN_MILLIS);
		command.accept("Board (1-1) is in DFU mode");
		command.accept("Board (1-2) is in DFU mode");
		UiWait.settle(display, Duration.ofMillis(100));
		assertEquals("Board (1-1) is in DFU mode; Board (1-2) is in DFU mode", message(statusLine));
	}

	/** The text of the status line's message label (JFace's StatusLine shows it in a CLabel). */
	private static String message(Composite statusLine) {
		for (Control child : statusLine.getChildren()) {
			if (child instanceof CLabel label) {
				return label.getText() == null ? "" : label.getText();
			}
		}
		throw new AssertionError("no message label in the status line");
	}
}
