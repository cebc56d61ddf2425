package org.dfutools.eclipse.ui.launch;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.ui.internal.Messages;
import org.dfutools.eclipse.ui.views.BoardColumn;
import org.dfutools.eclipse.ui.views.BoardImages;
import org.dfutools.eclipse.ui.views.BoardLabelProvider;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;

/**
 * Lists the boards attached now (from the DFU Devices registry, no USB I/O here) so that one can be
 * chosen for a flash configuration.
 */
public final class BoardSelectionDialog extends TitleAreaDialog {

	private static final EnumSet<BoardColumn> COLUMNS = EnumSet.of(BoardColumn.NAME, BoardColumn.ID, BoardColumn.MODE,
			BoardColumn.SERIAL, BoardColumn.PORT);

	private final List<Board> boards;
	private TableViewer viewer;
	private Board chosen;

	public BoardSelectionDialog(Shell parent, List<Board> boards) {
		super(parent);
		this.boards = List.copyOf(boards);
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
		setMessage(boards.isEmpty() ? Messages.BoardSelection_none : Messages.BoardSelection_message);
		viewer = new TableViewer(area, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
		Table table = viewer.getTable();
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).hint(640, 220).applyTo(table);
		BoardImages images = new BoardImages(table);
		for (BoardColumn column : COLUMNS) {
			TableViewerColumn viewerColumn = new TableViewerColumn(viewer, SWT.LEFT);
			viewerColumn.getColumn().setText(column.title());
			viewerColumn.getColumn().setWidth(column.width());
			viewerColumn.setLabelProvider(new BoardLabelProvider(column, images));
		}
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		viewer.setInput(boards);
		viewer.addSelectionChangedListener(event -> updateOk());
		viewer.addDoubleClickListener(event -> {
			if (selected().isPresent()) {
				okPressed();
			}
		});
		if (boards.size() == 1) {
			viewer.getTable().select(0);
		}
		return area;
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
		chosen = selected().orElse(null);
		super.okPressed();
	}

	/** The board chosen with OK. */
	public Optional<Board> chosen() {
		return Optional.ofNullable(chosen);
	}

	/** The table, for tests that drive the dialog. */
	public TableViewer viewer() {
		return viewer;
	}
}
