package org.dfutools.eclipse.ui.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.action.IStatusLineManager;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Where the one-line results of the board jobs of one command go: the status line of the view the command
 * came from, all of them together (two boards rebooted, two results), and only for a while, so that an old
 * result is not read as news.
 */
final class StatusLineReport implements Consumer<String> {

	/** Long enough to be read; the Progress view and the error log keep the rest. */
	static final int SHOWN_MILLIS = 20_000;
	/**
	 * What each status line shows now, as set by any command's report (UI thread only): a command's timer clears
	 * only its own text, never a later command's.
	 */
	private static final Map<IStatusLineManager, String> SHOWN = new WeakHashMap<>();

	private final IStatusLineManager statusLine;
	private final Display display;
	private final int shownMillis;
	private final List<String> lines = new ArrayList<>();

	StatusLineReport(IStatusLineManager statusLine, Display display, int shownMillis) {
		this.statusLine = statusLine;
		this.display = display;
		this.shownMillis = shownMillis;
	}

	/** A receiver for this command's jobs; it may be called on any thread. */
	static Consumer<String> of(ExecutionEvent event) {
		IStatusLineManager statusLine = HandlerUtil.getActivePart(event) instanceof IViewPart view
				? view.getViewSite().getActionBars().getStatusLineManager()
				: null;
		return new StatusLineReport(statusLine, Display.getCurrent(), SHOWN_MILLIS);
	}

	@Override
	public void accept(String line) {
		String shown;
		synchronized (lines) {
			lines.add(line);
			shown = String.join("; ", lines); //$NON-NLS-1$
		}
		if (statusLine == null || display == null || display.isDisposed()) {
			return;
		}
		display.asyncExec(() -> {
			statusLine.setMessage(shown);
			SHOWN.put(statusLine, shown);
			display.timerExec(shownMillis, () -> {
				// A later result, of this command or another, is shown now: it clears itself.
				if (shown.equals(SHOWN.get(statusLine))) {
					statusLine.setMessage(null);
					SHOWN.remove(statusLine);
				}
			});
		});
	}
}
