package org.dfutools.eclipse.ui.handlers;

import java.util.ArrayList;
import java.util.List;
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

	private final IStatusLineManager statusLine;
	private final Display display;
	private final List<String> lines = new ArrayList<>();

	private StatusLineReport(IStatusLineManager statusLine, Display display) {
		this.statusLine = statusLine;
		this.display = display;
	}

	/** A receiver for this command's jobs; it may be called on any thread. */
	static Consumer<String> of(ExecutionEvent event) {
		IStatusLineManager statusLine = HandlerUtil.getActivePart(event) instanceof IViewPart view
				? view.getViewSite().getActionBars().getStatusLineManager()
				: null;
		return new StatusLineReport(statusLine, Display.getCurrent());
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
			display.timerExec(SHOWN_MILLIS, () -> {
				synchronized (lines) {
					if (!shown.equals(String.join("; ", lines))) { //$NON-NLS-1$
						return; // a later result of this command is shown now; it clears itself
					}
				}
				statusLine.setMessage(null);
			});
		});
	}
}
