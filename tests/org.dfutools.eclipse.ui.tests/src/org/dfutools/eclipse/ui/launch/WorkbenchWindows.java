package org.dfutools.eclipse.ui.launch;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/** The workbench window the tests work in. */
public final class WorkbenchWindows {

	private WorkbenchWindows() {
	}

	/**
	 * The active workbench window, sized to the screen: there is no window manager under Xvfb, and screenshots then
	 * show all of it.
	 */
	public static IWorkbenchWindow activeFillingTheScreen() {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Shell shell = window.getShell();
		shell.setBounds(shell.getDisplay().getPrimaryMonitor().getBounds());
		return window;
	}
}
