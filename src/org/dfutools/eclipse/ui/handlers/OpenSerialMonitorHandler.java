package org.dfutools.eclipse.ui.handlers;

import org.dfutools.eclipse.ui.serial.SerialMonitorConsoles;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

/** "Serial Monitor" on a board in the DFU Devices view: its monitor in the Console view, opened if it has none. */
public final class OpenSerialMonitorHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		SelectedBoard.all(event).forEach(SerialMonitorConsoles::show);
		return null;
	}
}
