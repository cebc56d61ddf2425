package org.dfutools.eclipse.ui.views;

import java.util.Locale;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;

/** Keeps the boards whose text, in any column, contains what was typed in the filter box. */
final class BoardFilter extends ViewerFilter {

	private final BusyBoards busy;
	private String needle = ""; //$NON-NLS-1$

	BoardFilter(BusyBoards busy) {
		this.busy = busy;
	}

	/** Returns whether the filter changed. */
	boolean setText(String text) {
		String newNeedle = text.trim().toLowerCase(Locale.ROOT);
		boolean changed = !newNeedle.equals(needle);
		needle = newNeedle;
		return changed;
	}

	@Override
	public boolean select(Viewer viewer, Object parent, Object element) {
		if (needle.isEmpty()) {
			return true;
		}
		Board board = (Board) element;
		for (BoardColumn column : BoardColumn.values()) {
			if (column.textOf(board, busy).toLowerCase(Locale.ROOT).contains(needle)) {
				return true;
			}
		}
		return false;
	}
}
