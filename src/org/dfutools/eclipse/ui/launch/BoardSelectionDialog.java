package org.dfutools.eclipse.ui.launch;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.ui.internal.BoardsFollower;
import org.dfutools.eclipse.ui.internal.Messages;
import org.dfutools.eclipse.ui.views.BoardColumn;
import org.dfutools.eclipse.ui.views.BoardComparator;
import org.dfutools.eclipse.ui.views.BoardIdentity;
import org.dfutools.eclipse.ui.views.BoardImages;
import org.dfutools.eclipse.ui.views.BoardLabelProvider;
import org.dfutools.eclipse.ui.views.DfuDevicesView;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Lists the boards attached now so that one can be chosen for a flash configuration, live: boards that are
 * plugged in or out while it is open come and go, and while USB is still starting it says so and fills in
 * when the first listing arrives. It reads the DFU Devices registry only (no USB I/O here).
 */
public final class BoardSelectionDialog extends TitleAreaDialog {

	private static final EnumSet<BoardColumn> COLUMNS = EnumSet.of(BoardColumn.NAME, BoardColumn.ID, BoardColumn.MODE,
			BoardColumn.SERIAL, BoardColumn.PORT);

	private final DeviceRegistry registry;
	private final BusyBoards busy;
	private final BoardSelector preselected;
	private final boolean several;
	/** The ids of the boards selected in the DFU Devices view when the dialog was made. */
	private final Set<String> selectedInTheView;
	private TableViewer viewer;
	private List<Board> chosen = List.of();

	/** @param preselected the board of the configuration, selected when it is attached (may be null) */
	public BoardSelectionDialog(Shell parent, DfuDeviceService service, BoardSelector preselected) {
		this(parent, service, preselected, false);
	}

	/**
	 * @param preselected the boards of the configuration, selected when they are attached (may be null)
	 * @param several     whether several boards may be chosen, to be flashed at once
	 */
	public BoardSelectionDialog(Shell parent, DfuDeviceService service, BoardSelector preselected, boolean several) {
		super(parent);
		this.registry = service.registry();
		this.busy = service.busyBoards();
		this.preselected = preselected;
		this.several = several;
		this.selectedInTheView = selectedInTheView();
	}

	/** The boards selected in a workbench window's DFU Devices view (the launch dialog itself is the active shell). */
	private static Set<String> selectedInTheView() {
		IWorkbench workbench = PlatformUI.getWorkbench();
		IWorkbenchWindow active = workbench.getActiveWorkbenchWindow();
		List<IWorkbenchWindow> windows = active != null ? List.of(active) : List.of(workbench.getWorkbenchWindows());
		for (IWorkbenchWindow window : windows) {
			if (window.getSelectionService().getSelection(DfuDevicesView.ID) instanceof IStructuredSelection selection
					&& !selection.isEmpty()) {
				return ((List<?>) selection.toList()).stream().filter(Board.class::isInstance).map(board -> ((Board) board).id())
						.collect(Collectors.toSet());
			}
		}
		return Set.of();
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.BoardSelection_title);
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(Messages.BoardSelection_title);
		viewer = new TableViewer(area, (several ? SWT.MULTI : SWT.SINGLE) | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
		Table table = viewer.getTable();
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).hint(640, 220).applyTo(table);
		BoardImages images = new BoardImages(table);
		for (BoardColumn column : COLUMNS) {
			TableViewerColumn viewerColumn = new TableViewerColumn(viewer, SWT.LEFT);
			viewerColumn.getColumn().setText(column.title());
			viewerColumn.getColumn().setWidth(column.width());
			viewerColumn.setLabelProvider(new BoardLabelProvider(column, images, busy));
		}
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		viewer.setComparer(new BoardIdentity());
		viewer.setComparator(new BoardComparator(busy));
		viewer.addSelectionChangedListener(event -> updateOk());
		viewer.addDoubleClickListener(event -> {
			if (selected().isPresent()) {
				okPressed();
			}
		});
		show(true);
		// Boards plugged in or out, and the first listing, reach the table.
		BoardsFollower.follow(registry, table, () -> show(false));
		return area;
	}

	/**
	 * The boards of the registry now. The first time, the configured boards are selected; when the configuration names
	 * none attached, those selected in the DFU Devices view; else the only one.
	 */
	private void show(boolean first) {
		List<Board> boards = registry.boards().stream().filter(Board::attached).toList();
		viewer.setInput(boards);
		boolean starting = registry.usbStatus().state() == UsbStatus.State.STARTING;
		setMessage(starting ? Messages.BoardSelection_starting
				: boards.isEmpty() ? Messages.BoardSelection_none : several ? Messages.BoardSelection_messageSeveral
						: Messages.BoardSelection_message);
		if (first || viewer.getSelection().isEmpty()) {
			List<Board> configured = boards.stream()
					.filter(board -> preselected != null && preselected.problem().isEmpty() && preselected.matches(board))
					.limit(several ? boards.size() : 1).toList();
			List<Board> inTheView = boards.stream().filter(board -> selectedInTheView.contains(board.id()))
					.limit(several ? boards.size() : 1).toList();
			List<Board> selected = !configured.isEmpty() ? configured
					: !inTheView.isEmpty() ? inTheView : boards.size() == 1 ? boards : List.of();
			if (!selected.isEmpty()) {
				viewer.setSelection(new StructuredSelection(selected), true);
			}
		}
		updateOk();
	}


	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		updateOk();
	}

	private void updateOk() {
		if (getButton(IDialogConstants.OK_ID) != null) {
			getButton(IDialogConstants.OK_ID).setEnabled(selected().isPresent());
		}
	}

	private Optional<Board> selected() {
		return ((IStructuredSelection) viewer.getSelection()).getFirstElement() instanceof Board board ? Optional.of(board)
				: Optional.empty();
	}

	@Override
	protected void okPressed() {
		chosen = ((IStructuredSelection) viewer.getSelection()).toList().stream().filter(Board.class::isInstance)
				.map(Board.class::cast).toList();
		super.okPressed();
	}

	/** The board chosen with OK (the first, when several were). */
	public Optional<Board> chosen() {
		return chosen.stream().findFirst();
	}

	/** Every board chosen with OK. */
	public List<Board> chosenBoards() {
		return chosen;
	}

	/** The table, for tests that drive the dialog. */
	public TableViewer viewer() {
		return viewer;
	}
}
