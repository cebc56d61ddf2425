package org.dfutools.eclipse.ui.handlers;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.ui.jobs.RebootToDfuJob;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.action.IStatusLineManager;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.handlers.HandlerUtil;

/** Reboots every selected run-time board into DFU mode, each in a job of its own, and no other board. */
public final class RebootToDfuHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		IStatusLineManager statusLine = HandlerUtil.getActivePart(event) instanceof IViewPart view
				? view.getViewSite().getActionBars().getStatusLineManager()
				: null;
		Display display = Display.getCurrent();
		for (Object selected : HandlerUtil.getCurrentStructuredSelection(event)) {
			if (selected instanceof Board board && board.attached() && !board.mode().isDfuMode()) {
				new RebootToDfuJob(board, message -> {
					if (statusLine != null && !display.isDisposed()) {
						display.asyncExec(() -> statusLine.setMessage(message));
					}
				}).schedule();
			}
		}
		return null;
	}
}
