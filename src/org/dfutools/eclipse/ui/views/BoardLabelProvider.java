package org.dfutools.eclipse.ui.views;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.swt.graphics.Image;

/** Text of one column; the first column also shows the mode icon and the problems as a tooltip. */
public final class BoardLabelProvider extends ColumnLabelProvider {

	private final BoardColumn column;
	private final BoardImages images;
	private final BusyBoards busy;

	public BoardLabelProvider(BoardColumn column, BoardImages images, BusyBoards busy) {
		this.column = column;
		this.busy = busy;
		this.images = images;
	}

	@Override
	public String getText(Object element) {
		return column.textOf((Board) element, busy);
	}

	@Override
	public Image getImage(Object element) {
		return column == BoardColumn.NAME ? images.imageOf((Board) element) : null;
	}

	@Override
	public String getToolTipText(Object element) {
		Board board = (Board) element;
		if (board.device().problems().isEmpty()) {
			return null;
		}
		StringBuilder text = new StringBuilder();
		board.device().problems().forEach(problem -> text.append(text.length() > 0 ? "\n" : "").append(problem.message())); //$NON-NLS-1$ //$NON-NLS-2$
		return text.toString();
	}
}
