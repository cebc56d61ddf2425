package org.dfutools.eclipse.ui.handlers;

import java.util.function.Consumer;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.ui.jobs.StartApplicationJob;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;

/** Starts the application of every selected board in DFU mode, each in a job of its own, and no other board. */
public final class StartApplicationHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		Consumer<String> report = StatusLineReport.of(event);
		for (Object selected : HandlerUtil.getCurrentStructuredSelection(event)) {
			if (selected instanceof Board board && board.attached() && board.mode().isDfuMode()) {
				new StartApplicationJob(board, report).schedule();
			}
		}
		return null;
	}
}
