package org.dfutools.eclipse.ui.handlers;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.dfuutil.DfuUtilArguments;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

/** Copies the dfu-util options that select exactly the selected board. */
public final class CopyDfuUtilArgumentsHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		SelectedBoard.of(event).ifPresent(board -> ClipboardCopy.copy(event, DfuUtilArguments.asCommandLine(
				DfuUtilArguments.forBoard(board, DfuCore.deviceService().registry().boards()))));
		return null;
	}
}
