package org.dfutools.eclipse.ui.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.part.ViewPart;

/**
 * One row per attached board with a DFU interface, live. The registry is fed in the background; this
 * view only applies snapshots on the UI thread (see {@link ViewRefresher}) and never touches USB.
 */
public class DfuDevicesView extends ViewPart {

	public static final String ID = "org.dfutools.eclipse.ui.views.dfuDevices"; //$NON-NLS-1$

	private final DfuDeviceService service = DfuCore.deviceService();
	private final BoardFilter filter = new BoardFilter(service.busyBoards());
	private final BoardComparator comparator = new BoardComparator(service.busyBoards());
	private final SelectionRelay selection = new SelectionRelay();
	private Composite stack;
	private StackLayout stackLayout;
	private EmptyStatePanel emptyState;
	private Composite listArea;
	private TableViewer viewer;
	private ViewRefresher refresher;
	private ViewRefresher.Snapshot shown;

	@Override
	public void createPartControl(Composite parent) {
		stack = new Composite(parent, SWT.NONE);
		stackLayout = new StackLayout();
		stack.setLayout(stackLayout);
		emptyState = new EmptyStatePanel(stack);
		emptyState.show(EmptyStateText.forStatus(UsbStatus.STARTING));
		stackLayout.topControl = emptyState;
		getSite().setSelectionProvider(selection);
		refresher = new ViewRefresher(service.registryWithoutStarting(), parent.getDisplay(), this::apply);
		// Opened with the workbench, the view lets it finish starting before USB takes its share of the machine.
		AfterWorkbenchStart.run(getSite().getWorkbenchWindow().getWorkbench(), service::registry);
		service.busyBoards().addListener(activityChanged);
	}

	/**
	 * The filter and the table, built when the first rows are to be shown rather than when the view opens: they
	 * are most of the view's own cost, which a view opened with the workbench, or with no board attached, need
	 * not have the user wait for.
	 */
	private Composite createListArea(Composite parent) {
		Composite area = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(area);
		Text filterText = new Text(area, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
		filterText.setMessage(Messages.DfuDevicesView_filterMessage);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(filterText);
		filterText.addModifyListener(event -> {
			if (filter.setText(filterText.getText())) {
				viewer.refresh();
			}
		});
		viewer = new TableViewer(area, SWT.MULTI | SWT.FULL_SELECTION | SWT.H_SCROLL | SWT.V_SCROLL);
		Table table = viewer.getTable();
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
		BoardImages images = new BoardImages(table);
		for (BoardColumn column : BoardColumn.values()) {
			TableViewerColumn viewerColumn = new TableViewerColumn(viewer, SWT.LEFT);
			TableColumn tableColumn = viewerColumn.getColumn();
			tableColumn.setText(column.title());
			tableColumn.setWidth(column.width());
			tableColumn.setMoveable(true);
			tableColumn.addListener(SWT.Selection, event -> sortBy(column, tableColumn));
			viewerColumn.setLabelProvider(new BoardLabelProvider(column, images, service.busyBoards()));
		}
		ColumnViewerToolTipSupport.enableFor(viewer);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		viewer.setComparer(new BoardIdentity());
		viewer.setComparator(comparator);
		viewer.addFilter(filter);
		table.setSortColumn(table.getColumn(comparator.column().ordinal()));
		table.setSortDirection(comparator.direction());
		selection.relayFrom(viewer);
		createContextMenu();
		return area;
	}

	private void sortBy(BoardColumn column, TableColumn tableColumn) {
		comparator.sortBy(column);
		viewer.getTable().setSortColumn(tableColumn);
		viewer.getTable().setSortDirection(comparator.direction());
		viewer.refresh();
	}

	private void createContextMenu() {
		MenuManager menu = new MenuManager();
		menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
		viewer.getTable().setMenu(menu.createContextMenu(viewer.getTable()));
		getSite().registerContextMenu(menu, viewer);
	}

	/**
	 * Applies one snapshot of the registry; UI thread only. Only the rows that changed are touched, so a
	 * burst of arrivals costs the UI thread the new rows, not a rebuild of the whole table each time.
	 */
	void apply(ViewRefresher.Snapshot snapshot) {
		if (stack.isDisposed()) {
			return;
		}
		shown = snapshot;
		List<Board> boards = snapshot.boards();
		if (viewer == null) {
			if (!boards.isEmpty()) {
				buildListArea(boards);
			}
		} else {
			applyChanges(boards);
		}
		Control top = boards.isEmpty() || viewer == null ? emptyState : listArea;
		if (boards.isEmpty()) {
			emptyState.show(EmptyStateText.forStatus(snapshot.status()));
		}
		if (stackLayout.topControl != top) {
			stackLayout.topControl = top;
			stack.layout();
		}
	}

	/** The table with its first rows. When that fails, it is logged and the next snapshot builds it again. */
	private void buildListArea(List<Board> boards) {
		try {
			listArea = createListArea(stack);
			viewer.setInput(new ArrayList<>(boards));
		} catch (RuntimeException e) {
			for (Control built : stack.getChildren()) {
				if (built != emptyState) {
					built.dispose();
				}
			}
			listArea = null;
			viewer = null;
			Platform.getLog(getClass()).log(Status.error(e.toString(), e));
		}
	}

	/**
	 * Arrivals and departures touch only their rows. A board read again (same id, new record: another
	 * mode, off the bus while it re-enumerates) is replaced in place by a refresh, which keeps the selection
	 * (rows are compared by board id); the Properties view and the commands are then told of the new record.
	 */
	@SuppressWarnings("unchecked")
	private void applyChanges(List<Board> boards) {
		List<Board> rows = (List<Board>) viewer.getInput();
		Map<String, Board> wanted = new LinkedHashMap<>();
		boards.forEach(board -> wanted.put(board.id(), board));
		List<Board> gone = new ArrayList<>();
		boolean changed = false;
		boolean selectedChanged = false;
		List<?> selected = viewer.getStructuredSelection().toList();
		for (int index = 0; index < rows.size(); index++) {
			Board row = rows.get(index);
			Board now = wanted.remove(row.id());
			if (now == null) {
				gone.add(row);
			} else if (!now.equals(row)) {
				rows.set(index, now);
				changed = true;
				selectedChanged |= selected.contains(row);
			}
		}
		if (gone.isEmpty() && wanted.isEmpty() && !changed) {
			// A table that lost rows (an update that failed half way) gets them back rather than staying short.
			if (viewer.getTable().getItemCount() != shownCount(rows)) {
				viewer.setInput(new ArrayList<>(boards));
			}
			return;
		}
		Table table = viewer.getTable();
		table.setRedraw(false);
		try {
			rows.removeAll(gone);
			viewer.remove(gone.toArray());
			rows.addAll(wanted.values());
			viewer.add(wanted.values().toArray());
			if (changed) {
				viewer.refresh();
			}
		} finally {
			table.setRedraw(true);
		}
		if (selectedChanged) {
			selection.selectedElementsChanged();
		}
	}

	private int shownCount(List<Board> rows) {
		return (int) rows.stream().filter(row -> filter.select(viewer, null, row)).count();
	}

	/** Asks for a fresh look at the bus (the refresh command). */
	public void refresh() {
		service.refresh();
		refresher.request();
	}

	@Override
	public void setFocus() {
		(stackLayout.topControl == listArea ? viewer.getControl() : emptyState).setFocus();
	}

	/** A job started or ended work on a board: its row says so (labels only, no USB). */
	private final Runnable activityChanged = () -> {
		if (!stack.isDisposed()) {
			stack.getDisplay().asyncExec(() -> {
				if (viewer != null && !viewer.getControl().isDisposed()) {
					viewer.refresh(true);
				}
			});
		}
	};

	@Override
	public void dispose() {
		service.busyBoards().removeListener(activityChanged);
		if (refresher != null) {
			refresher.dispose();
		}
		super.dispose();
	}

	/** The table, or null before the first rows (for tests). */
	TableViewer viewer() {
		return viewer;
	}

	/** The last snapshot applied, or null before the first (for tests). */
	ViewRefresher.Snapshot shownSnapshot() {
		return shown;
	}

	/** The headline shown when there are no boards (for tests). */
	String emptyStateTitle() {
		return emptyState.titleText();
	}
}
