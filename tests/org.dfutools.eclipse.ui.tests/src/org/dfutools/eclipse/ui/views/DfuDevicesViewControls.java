package org.dfutools.eclipse.ui.views;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.ui.launch.ScriptedDialogs;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IWorkbenchWindow;

/** The DFU Devices view's rows and toolbar buttons, as the workbench tests find them. */
public final class DfuDevicesViewControls {

	private DfuDevicesViewControls() {
	}

	/** The view's row for the board on this port now (none before the view has its viewer). */
	static Optional<TableItem> row(DfuDevicesView view, String port) {
		if (view.viewer() == null) {
			return Optional.empty();
		}
		return Arrays.stream(view.viewer().getTable().getItems())
				.filter(item -> ((Board) item.getData()).device().location().portPath().equals(port)).findFirst();
	}

	/** The view's toolbar button whose tooltip starts so; fails when there is none. */
	static ToolItem toolItem(DfuDevicesView view, String tooltipStart) {
		ToolItem[] items = ((ToolBarManager) view.getViewSite().getActionBars().getToolBarManager()).getControl().getItems();
		return Arrays.stream(items).filter(item -> item.getToolTipText() != null && item.getToolTipText().startsWith(tooltipStart))
				.findFirst().orElseThrow(() -> new AssertionError("no '" + tooltipStart + "' button on the view's toolbar"));
	}

	/** The view's table, found through the window (the viewer is the view's own): the visible table of boards. */
	public static Optional<Table> table(IWorkbenchWindow window) {
		return ScriptedDialogs.find(window.getShell(), Table.class,
				t -> t.isVisible() && t.getItemCount() > 0 && t.getItem(0).getData() instanceof Board);
	}

	/** The view's rows now, found through the window. */
	public static List<TableItem> rows(IWorkbenchWindow window) {
		return table(window).map(t -> Arrays.asList(t.getItems())).orElse(List.of());
	}

	/** The view's row for the board with this serial now, found through the window. */
	public static Optional<TableItem> rowWith(IWorkbenchWindow window, String serial) {
		return rows(window).stream().filter(item -> ((Board) item.getData()).device().serial().equals(serial)).findFirst();
	}

	/** The view's row for this board, whatever its mode, found through the window. */
	public static Optional<TableItem> row(IWorkbenchWindow window, String boardId) {
		return rows(window).stream().filter(item -> ((Board) item.getData()).id().equals(boardId)).findFirst();
	}
}
