package org.dfutools.eclipse.ui.views;

import java.text.Collator;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;

/**
 * Sorts boards by one column, either way; the port path breaks ties so the order is stable. By port by default, as
 * the DFU Devices view and the board selection dialog list them.
 */
public final class BoardComparator extends ViewerComparator {

	private final BusyBoards busy;
	private final Collator collator = Collator.getInstance();
	private BoardColumn column = BoardColumn.PORT;
	private int direction = SWT.UP;

	public BoardComparator(BusyBoards busy) {
		this.busy = busy;
	}

	BoardColumn column() {
		return column;
	}

	int direction() {
		return direction;
	}

	/** Sorts by this column; a second click on the same column reverses the order. */
	void sortBy(BoardColumn newColumn) {
		direction = newColumn == column && direction == SWT.UP ? SWT.DOWN : SWT.UP;
		column = newColumn;
	}

	@Override
	public int compare(Viewer viewer, Object first, Object second) {
		Board a = (Board) first;
		Board b = (Board) second;
		int order = switch (column) {
		case DETACH_TIMEOUT, TRANSFER_SIZE -> Integer.compare(number(a), number(b));
		case PORT -> comparePorts(a.device().location().portPath(), b.device().location().portPath());
		default -> collator.compare(column.textOf(a, busy), column.textOf(b, busy));
		};
		if (order == 0) {
			order = a.id().compareTo(b.id());
		}
		return direction == SWT.UP ? order : -order;
	}

	/** Port paths by their numbers, so that 1-2 comes before 1-10. */
	static int comparePorts(String first, String second) {
		String[] a = first.split("[-.]"); //$NON-NLS-1$
		String[] b = second.split("[-.]"); //$NON-NLS-1$
		for (int index = 0; index < Math.min(a.length, b.length); index++) {
			int order = Integer.compare(Integer.parseInt(a[index]), Integer.parseInt(b[index]));
			if (order != 0) {
				return order;
			}
		}
		return Integer.compare(a.length, b.length);
	}

	private int number(Board board) {
		return board.device().functional()
				.map(f -> column == BoardColumn.DETACH_TIMEOUT ? f.detachTimeoutMs() : f.transferSize()).orElse(-1);
	}
}
