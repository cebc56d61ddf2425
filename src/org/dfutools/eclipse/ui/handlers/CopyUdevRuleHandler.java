package org.dfutools.eclipse.ui.handlers;

import org.dfutools.eclipse.core.device.UdevRule;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

/** Copies a udev rule that gives the logged-in user access to the selected board, in both modes. */
public final class CopyUdevRuleHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		SelectedBoard.of(event).ifPresent(board -> ClipboardCopy.copy(event, UdevRule.forBoard(board)));
		return null;
	}
}
