package org.dfutools.eclipse.ui.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

/** The boards a command was invoked on. */
final class SelectedBoard {

	private SelectedBoard() {
	}

	/** Every board the command was invoked on, in the selection's order. */
	static List<Board> all(ExecutionEvent event) {
		List<Board> boards = new ArrayList<>();
		for (Object selected : HandlerUtil.getCurrentStructuredSelection(event)) {
			if (selected instanceof Board board) {
				boards.add(board);
			}
		}
		return boards;
	}

	static Optional<Board> of(ExecutionEvent event) {
		IStructuredSelection selection = HandlerUtil.getCurrentStructuredSelection(event);
		return selection.size() == 1 && selection.getFirstElement() instanceof Board board ? Optional.of(board)
				: Optional.empty();
	}
}
