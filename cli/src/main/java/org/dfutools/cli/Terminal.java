package org.dfutools.cli;

import java.io.PrintStream;
import java.util.regex.Pattern;

/**
 * Where a command writes for a person: its lines, and on a terminal a progress bar kept below them on one line
 * that each new line pushes down. With {@code --json} the lines go to standard error, so that standard output holds
 * the JSON alone. Called from the command's thread and from dfu-util's output reader.
 */
public final class Terminal implements ProgressShown {

	private static final int BAR_WIDTH = 30;
	/** A line of dfu-util's own progress bar: "Download\t[=====    ]  20%". */
	private static final Pattern DFU_UTIL_BAR = Pattern.compile("^(Download|Upload|Erase)\\s+\\["); //$NON-NLS-1$

	private final PrintStream lines;
	private final boolean interactive;
	private String bar = ""; //$NON-NLS-1$

	public Terminal(PrintStream lines, boolean interactive) {
		this.lines = lines;
		this.interactive = interactive;
	}

	/** Whether a person watches: a progress bar is drawn. */
	public boolean interactive() {
		return interactive;
	}

	public synchronized void line(String text) {
		clearBar();
		lines.println(text);
		drawBar();
	}

	/**
	 * Text as dfu-util writes it, line ends included; its own progress bar's carriage returns are kept to one line,
	 * and on a terminal, whose bar shows the same progress, its bar's lines are left out.
	 */
	public synchronized void text(String text) {
		text(text, ""); //$NON-NLS-1$
	}

	/** The same, each line after {@code prefix} (one board's among several: "[1-2] "). */
	public synchronized void text(String text, String prefix) {
		for (String line : ConsoleLines.of(text)) {
			if (!(interactive && DFU_UTIL_BAR.matcher(line).find())) {
				line(prefix + line);
			}
		}
	}

	/** The progress bar: {@code fraction} of the work done, and what is being done. */
	@Override
	public synchronized void progress(double fraction, String task) {
		if (!interactive) {
			return;
		}
		int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
		String next = String.format("[%s%s] %3d%% %s", "#".repeat(filled), " ".repeat(BAR_WIDTH - filled), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				Integer.valueOf((int) Math.round(fraction * 100)), task);
		if (!next.equals(bar)) {
			clearBar();
			bar = next;
			drawBar();
		}
	}

	/** The bar is gone: the command has ended. */
	@Override
	public synchronized void ended() {
		clearBar();
		bar = ""; //$NON-NLS-1$
	}

	private void clearBar() {
		if (interactive && !bar.isEmpty()) {
			lines.print("\r\033[K"); //$NON-NLS-1$
		}
	}

	private void drawBar() {
		if (interactive && !bar.isEmpty()) {
			lines.print(bar);
			lines.flush();
		}
	}
}
