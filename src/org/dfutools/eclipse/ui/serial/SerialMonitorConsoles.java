package org.dfutools.eclipse.ui.serial;

import java.util.Arrays;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.log.CoreLog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.console.IConsoleManager;
import org.eclipse.ui.console.IConsoleView;

/** The serial monitor consoles in the Console view: one per board, shown again rather than opened twice. */
public final class SerialMonitorConsoles {

	private SerialMonitorConsoles() {
	}

	/**
	 * Shows the board's monitor, opening it if it has none, in the Console view made active: what the person types next
	 * goes to the board. On the UI thread.
	 */
	public static void show(Board board) {
		IConsoleManager manager = ConsolePlugin.getDefault().getConsoleManager();
		SerialMonitorConsole console = of(board.id()).orElse(null);
		if (console == null) {
			console = new SerialMonitorConsole(board);
			// Its monitor first: the page's toolbar, made when the console is added, works on it.
			if (!console.start()) {
				// The board has a monitor without a console (its console was closed half-way): none is shown.
				console.destroy();
				return;
			}
			manager.addConsoles(new IConsole[] { console });
		}
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		if (window != null && window.getActivePage() != null) {
			try {
				IConsoleView view = (IConsoleView) window.getActivePage().showView(IConsoleConstants.ID_CONSOLE_VIEW);
				view.display(console);
				return;
			} catch (PartInitException e) {
				CoreLog.warn(SerialMonitorConsoles.class, e.getMessage(), e);
			}
		}
		manager.showConsoleView(console);
	}

	/** The board's monitor console, if it has one. */
	public static Optional<SerialMonitorConsole> of(String boardId) {
		return Arrays.stream(ConsolePlugin.getDefault().getConsoleManager().getConsoles())
				.filter(SerialMonitorConsole.class::isInstance).map(SerialMonitorConsole.class::cast)
				.filter(console -> console.boardId().equals(boardId)).findFirst();
	}
}
