package org.dfutools.eclipse.ui.handlers;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.eclipse.core.expressions.PropertyTester;

/**
 * Lets menus ask about a board ({@code org.dfutools.eclipse.board.*}): {@code accessDenied}, {@code openable}
 * (this user may open it), {@code attached} (on the bus now), {@code runtime} and {@code dfuMode} (on the bus in that mode, not re-enumerating),
 * {@code serialPort} (its application has a CDC ACM serial port).
 */
public final class BoardPropertyTester extends PropertyTester {

	@Override
	public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
		if (!(receiver instanceof Board board)) {
			return false;
		}
		return switch (property) {
		case "accessDenied" -> board.device().hasProblem(DeviceProblem.Kind.ACCESS_DENIED); //$NON-NLS-1$
		case "openable" -> !board.device().hasProblem(DeviceProblem.Kind.ACCESS_DENIED); //$NON-NLS-1$
		case "attached" -> board.attached(); //$NON-NLS-1$
		case "runtime" -> board.attached() && !board.mode().isDfuMode(); //$NON-NLS-1$
		case "dfuMode" -> board.attached() && board.mode().isDfuMode(); //$NON-NLS-1$
		case "serialPort" -> board.hasSerialPort(); //$NON-NLS-1$
		default -> false;
		};
	}
}
