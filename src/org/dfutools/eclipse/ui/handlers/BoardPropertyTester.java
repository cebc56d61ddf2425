package org.dfutools.eclipse.ui.handlers;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.eclipse.core.expressions.PropertyTester;

/** Lets menus ask about a board: {@code org.dfutools.eclipse.board.accessDenied}, {@code .runtime}. */
public final class BoardPropertyTester extends PropertyTester {

	@Override
	public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
		if (!(receiver instanceof Board board)) {
			return false;
		}
		return switch (property) {
		case "accessDenied" -> board.device().hasProblem(DeviceProblem.Kind.ACCESS_DENIED); //$NON-NLS-1$
		case "runtime" -> !board.mode().isDfuMode(); //$NON-NLS-1$
		default -> false;
		};
	}
}
