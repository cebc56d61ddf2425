package org.dfutools.eclipse.ui.handlers;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.eclipse.core.expressions.PropertyTester;

/** Lets menus ask about a board: {@code org.dfutools.eclipse.board.accessDenied}. */
public final class BoardPropertyTester extends PropertyTester {

	@Override
	public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
		if (receiver instanceof Board board && "accessDenied".equals(property)) { //$NON-NLS-1$
			return board.device().hasProblem(DeviceProblem.Kind.ACCESS_DENIED);
		}
		return false;
	}
}
