package org.dfutools.eclipse.ui.handlers;

import java.util.function.Consumer;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.ui.jobs.RebootToDfuJob;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;

/** Reboots every selected run-time board into DFU mode, each in a job of its own, and no other board. */
public final class RebootToDfuHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		Consumer<String> report = StatusLineReport.of(event);
		for (Object selected : HandlerUtil.getCurrentStructuredSelection(event)) {
			if (selected instanceof Board board && board.attached() && !board.mode().isDfuMode()) {
				new RebootToDfuJob(board, report).schedule();
			}
		}
		return null;
	}
}
