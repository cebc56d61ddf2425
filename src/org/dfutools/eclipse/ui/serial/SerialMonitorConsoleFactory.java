package org.dfutools.eclipse.ui.serial;

import java.util.List;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleFactory;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;

/** "DFU Serial Monitor" in the Console view's Open Console menu: a monitor on a board chosen among those with a port. */
public final class SerialMonitorConsoleFactory implements IConsoleFactory {

	@Override
	public void openConsole() {
		List<Board> boards = DfuCore.deviceService().registry().boards().stream().filter(Board::hasSerialPort)
				.toList();
		Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
		if (boards.isEmpty()) {
			MessageDialog.openInformation(shell, Messages.SerialMonitor_chooseTitle, Messages.SerialMonitor_noBoard);
			return;
		}
		if (boards.size() == 1) {
			SerialMonitorConsoles.show(boards.get(0));
			return;
		}
		ElementListSelectionDialog dialog = new ElementListSelectionDialog(shell, new LabelProvider() {
			@Override
			public String getText(Object element) {
				return ((Board) element).label();
			}
		});
		dialog.setTitle(Messages.SerialMonitor_chooseTitle);
		dialog.setMessage(Messages.SerialMonitor_chooseMessage);
		dialog.setElements(boards.toArray());
		if (dialog.open() == Window.OK && dialog.getFirstResult() instanceof Board board) {
			SerialMonitorConsoles.show(board);
		}
	}
}
