package org.dfutools.eclipse.ui.handlers;

import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

/** The one board a command was invoked on. */
final class SelectedBoard {

	private SelectedBoard() {
	}

	static Optional<Board> of(ExecutionEvent event) {
		IStructuredSelection selection = HandlerUtil.getCurrentStructuredSelection(event);
		return selection.size() == 1 && selection.getFirstElement() instanceof Board board ? Optional.of(board)
				: Optional.empty();
	}
}
