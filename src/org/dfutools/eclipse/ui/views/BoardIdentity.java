package org.dfutools.eclipse.ui.views;

import org.dfutools.eclipse.core.device.Board;
import org.eclipse.jface.viewers.IElementComparer;

/**
 * Compares table rows by board id, so that a row stays the same row (selection, scroll position) when its
 * board is read again: another mode, off the bus while it re-enumerates, names that became readable.
 */
public final class BoardIdentity implements IElementComparer {

	@Override
	public boolean equals(Object a, Object b) {
		return a instanceof Board first && b instanceof Board second ? first.id().equals(second.id()) : a.equals(b);
	}

	@Override
	public int hashCode(Object element) {
		return element instanceof Board board ? board.id().hashCode() : element.hashCode();
	}
}
