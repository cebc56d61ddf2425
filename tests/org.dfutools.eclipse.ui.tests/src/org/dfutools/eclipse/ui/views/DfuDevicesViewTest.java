package org.dfutools.eclipse.ui.views;

import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.toolItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.dfutools.eclipse.ui.properties.BoardPropertySource;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The DFU Devices view in the real workbench, fed from the simulated USB bench. */
class DfuDevicesViewTest {

	private static final Duration LIMIT = Duration.ofSeconds(20);

	private final List<IStatus> errors = new ArrayList<>();
	private final ILogListener errorCollector = (status, plugin) -> {
		if (status.matches(IStatus.ERROR)) {
			errors.add(status);
		}
	};
	private Display display;
	private IWorkbenchPage page;

	@BeforeEach
	void openWorkbenchWindow() {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		assertNotNull(window, "no workbench window");
		display = window.getShell().getDisplay();
		// No window manager under Xvfb: size the window to the screen so screenshots show all of it.
		window.getShell().setBounds(display.getPrimaryMonitor().getBounds());
		page = window.getActivePage();
		Platform.addLogListener(errorCollector);
	}

	@AfterEach
	void stopCollecting() {
		Platform.removeLogListener(errorCollector);
	}

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void showsTheBenchBoardWithItsAttributes() throws Exception {
		DfuDevicesView view = showView();
		assertTrue(UiWait.until(display, LIMIT, () -> row(view, "1-1").isPresent()),
				"no row for the bench board on port 1-1; the view says: " + view.emptyStateTitle());
		List<String> cells = cells(row(view, "1-1").get());
		assertEquals(List.of("Simulated DFU device", "1209:0001", "Run-time", "SIM0001", "1-1", "1.1", "1000 ms", "2048 B",
				"download, upload, manifest-tolerant"), cells);
		page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
		try {
			UiWait.settle(display, Duration.ofMillis(300));
			Path shot = Screenshots.save(display, "dfu-devices-view");
			assertTrue(Screenshots.distinctColors(shot) > 16, "the screenshot looks blank");
		} finally {
			page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
		}
		assertEquals(List.of(), errors);
	}

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void boardThatMayNotBeOpenedShowsAWarningAndOffersTheUdevRule() throws Exception {
		DfuDevicesView view = showView();
		String port = UsbBench.attach("""
				{"name": "locked", "runtime": {"pid": "0x0070"}, "dfu": {"pid": "0x0071"},
				 "behaviour": {"open_error": "EACCES"}}
				""");
		try {
			assertTrue(UiWait.until(display, LIMIT, () -> row(view, port).isPresent()), "no row for " + port);
			TableItem item = row(view, port).get();
			assertNotNull(item.getImage(0), "no icon on a board with a problem");
			// Without access the strings cannot be read from the board, but Linux shows them to everyone in sysfs.
			assertEquals("Simulated DFU device", item.getText(0), "the name is not read from sysfs");
			assertEquals("SIM0001", item.getText(3), "the serial is not read from sysfs");
			view.viewer().setSelection(new StructuredSelection(item.getData()), true);
			page.activate(view);
			PlatformUI.getWorkbench().getService(IHandlerService.class)
					.executeCommand("org.dfutools.eclipse.ui.commands.copyUdevRule", null);
			Clipboard clipboard = new Clipboard(display);
			String copied;
			try {
				copied = (String) clipboard.getContents(TextTransfer.getInstance());
			} finally {
				clipboard.dispose();
			}
			assertNotNull(copied, "nothing on the clipboard");
			assertTrue(copied.contains("ATTR{idProduct}==\"0070\", TAG+=\"uaccess\""), copied);
			page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
			UiWait.settle(display, Duration.ofMillis(300));
			Screenshots.save(display, "dfu-devices-access-denied");
			page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
		} finally {
			UsbBench.detach(port);
		}
		assertEquals(List.of(), errors);
	}

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void hotpluggedBoardsAppearAndDisappear() throws Exception {
		DfuDevicesView view = showView();
		String port = UsbBench.attach("""
				{"name": "hotplug", "start_mode": "dfu", "runtime": {"pid": "0x0030", "product": "Hotplugged board"},
				 "dfu": {"pid": "0x0031", "product": "Hotplugged bootloader", "serial": "HP-1",
				         "functional": {"attributes": "0x0b", "detach_timeout": 500, "transfer_size": 1024, "version": "0x011a"},
				         "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg"}]}}
				""");
		long attached = System.nanoTime();
		try {
			assertTrue(UiWait.until(display, LIMIT, () -> row(view, port).isPresent()), "no row for " + port);
			System.out.printf("hotplug attach to row visible: %.1f ms%n", (System.nanoTime() - attached) / 1e6);
			List<String> cells = cells(row(view, port).get());
			assertEquals("Hotplugged bootloader", cells.get(0));
			assertEquals("DfuSe", cells.get(2));
			assertEquals("will-detach, download, upload", cells.get(8));
			UiWait.settle(display, Duration.ofMillis(300));
			Screenshots.save(display, "dfu-devices-hotplug");
		} finally {
			UsbBench.detach(port);
		}
		assertTrue(UiWait.until(display, LIMIT, () -> row(view, port).isEmpty()), "the row for " + port + " stayed");
		assertEquals(List.of(), errors);
	}

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void propertiesViewShowsTheFunctionalDescriptor() throws Exception {
		DfuDevicesView view = showView();
		assertTrue(UiWait.until(display, LIMIT, () -> row(view, "1-1").isPresent()), "no bench board");
		Board board = (Board) row(view, "1-1").get().getData();
		IViewPart properties = page.showView(IPageLayout.ID_PROP_SHEET);
		page.activate(view);
		view.viewer().setSelection(new StructuredSelection(board), true);
		BoardPropertySource source = (BoardPropertySource) Adapters.adapt(board, IPropertySource.class);
		assertEquals("1000 ms", source.valueOf("Functional descriptor (interface 0)", "wDetachTimeOut"));
		assertEquals("no", source.valueOf("Functional descriptor (interface 0)", "bitWillDetach"));
		assertEquals("DFU runtime", source.valueOf("DFU interface 0", "Alt setting 0"));
		assertTrue(UiWait.until(display, LIMIT, () -> treeTexts((PropertySheet) properties).contains("wDetachTimeOut")),
				"the Properties view does not show the functional descriptor: " + treeTexts((PropertySheet) properties));
		UiWait.settle(display, Duration.ofMillis(300));
		Screenshots.save(display, "dfu-devices-properties");
		page.hideView(properties);
	}

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void aBoardReadAgainKeepsItsRowAndSelection() throws Exception {
		DfuDevicesView view = showView();
		assertTrue(UiWait.until(display, LIMIT, () -> row(view, "1-1").isPresent()), "no bench board");
		Board board = (Board) row(view, "1-1").get().getData();
		view.viewer().setSelection(new StructuredSelection(board), true);
		DfuDeviceRecord renamed = new DfuDeviceRecord(board.device().location(), board.device().id(),
				board.device().bcdDevice(), "", "Renamed board", board.device().serial(), board.mode(),
				board.device().dfuInterfaces(), board.device().problems());
		Board reread = new Board(board.id(), renamed, Optional.of(renamed), board.dfuModeDevice(), false);
		List<Board> boards = new ArrayList<>(view.shownSnapshot().boards());
		boards.replaceAll(b -> b.id().equals(board.id()) ? reread : b);
		view.apply(new ViewRefresher.Snapshot(boards, view.shownSnapshot().status()));

		assertEquals("Renamed board", row(view, "1-1").get().getText(0));
		Object selected = view.viewer().getStructuredSelection().getFirstElement();
		assertEquals(reread, selected, "the selection should follow the board to its new record");
		view.refresh(); // reads the bus again: the real record comes back
		assertTrue(UiWait.until(display, LIMIT, () -> row(view, "1-1").get().getText(0).equals("Simulated DFU device")));
	}

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void rowsATableLostComeBackWithTheNextSnapshot() throws Exception {
		DfuDevicesView view = showView();
		assertTrue(UiWait.until(display, LIMIT, () -> row(view, "1-1").isPresent()), "no bench board");
		Table table = view.viewer().getTable();
		int rows = table.getItemCount();
		// What an update that throws half way leaves: the viewer's rows and the table's items differ.
		table.remove(0);
		view.apply(view.shownSnapshot());
		assertEquals(rows, table.getItemCount(), "the lost row stays lost");
		assertTrue(row(view, "1-1").isPresent());
	}

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void rebootToDfuFromTheToolbarTurnsTheRowIntoDfuMode() throws Exception {
		DfuDevicesView view = showView();
		String port = UsbBench.attach("""
				{"name": "reboot-me", "runtime": {"pid": "0x00a0", "product": "Board to reboot"},
				 "dfu": {"pid": "0x00a1", "product": "Its bootloader"}, "behaviour": {"reenumerate_delay_ms": 300}}
				""");
		try {
			assertTrue(UiWait.until(display, LIMIT, () -> row(view, port).isPresent()), "no row for " + port);
			page.activate(view);
			view.viewer().setSelection(new StructuredSelection(row(view, port).get().getData()), true);
			ToolItem reboot = toolItem(view, "Reboot to DFU");
			assertTrue(UiWait.until(display, LIMIT, reboot::isEnabled), "Reboot to DFU stays disabled for a run-time board");
			List<String> modesSeen = new ArrayList<>();
			reboot.notifyListeners(SWT.Selection, new Event());
			assertTrue(UiWait.until(display, LIMIT, () -> {
				row(view, port).ifPresent(item -> modesSeen.add(item.getText(2)));
				return row(view, port).map(item -> item.getText(2).equals("DFU")).orElse(false);
			}), "the row never turned into DFU mode; modes seen: " + modesSeen);
			assertEquals("Its bootloader", row(view, port).get().getText(0));
			assertTrue(modesSeen.contains("Detaching..."), "no transient state shown: " + modesSeen);
			page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
			UiWait.settle(display, Duration.ofMillis(300));
			Screenshots.save(display, "dfu-devices-rebooted");
			page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
			assertTrue(UiWait.until(display, LIMIT, () -> !reboot.isEnabled()), "Reboot to DFU enabled on a DFU-mode board");
		} finally {
			UsbBench.detach(port);
		}
		assertEquals(List.of(), errors);
	}

	@Test
	void openingTheViewDoesNotWaitForUsb() throws Exception {
		IViewPart existing = page.findView(DfuDevicesView.ID);
		if (existing != null) {
			page.hideView(existing);
		}
		long start = System.nanoTime();
		page.showView(DfuDevicesView.ID);
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.println("showView(DFU Devices) on the UI thread: " + millis + " ms");
		// The view reads nothing itself; a generous bound that still catches USB work on the UI thread.
		assertTrue(millis < 1000, millis + " ms");
	}

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void theTableIsBuiltWithTheFirstRowsAndItsSelectionIsTheSites() throws Exception {
		DfuDevicesView shown = showView();
		assertTrue(UiWait.until(display, LIMIT, () -> row(shown, "1-1").isPresent()), "no bench board");
		List<Board> boards = shown.shownSnapshot().boards();
		// The view is one part shared by the perspectives that show it: only closing the others lets hiding close it.
		for (IPerspectiveDescriptor open : page.getOpenPerspectives()) {
			if (!open.equals(page.getPerspective())) {
				page.closePerspective(open, false, false);
			}
		}
		page.hideView(shown);
		// A new view, fed by hand before its own first snapshot can arrive (no event loop runs in between).
		DfuDevicesView view = showView();
		assertTrue(view != shown, "hiding the view did not close it");
		view.apply(new ViewRefresher.Snapshot(List.of(), UsbStatus.LISTING));
		assertEquals(null, view.viewer(), "the table was built before there was a row to show");
		assertEquals(EmptyStateText.forStatus(UsbStatus.LISTING).title(), view.emptyStateTitle());
		ISelectionProvider site = view.getSite().getSelectionProvider();
		assertTrue(site.getSelection().isEmpty(), "a selection without a table");

		view.apply(new ViewRefresher.Snapshot(boards, UsbStatus.LISTING));
		Table table = view.viewer().getTable();
		assertEquals(BoardColumn.values().length, table.getColumnCount());
		assertNotNull(table.getMenu(), "no context menu on the table");
		assertNotNull(table.getSortColumn(), "no sort indicator on the table");
		assertTrue(row(view, "1-1").isPresent(), "the first rows are not shown");
		// The site, and through it the handlers and the Properties view, see the table's selection.
		List<Object> heard = new ArrayList<>();
		site.addSelectionChangedListener(event -> heard.add(((IStructuredSelection) event.getSelection()).getFirstElement()));
		Object first = row(view, "1-1").get().getData();
		view.viewer().setSelection(new StructuredSelection(first), true);
		assertEquals(first, ((IStructuredSelection) site.getSelection()).getFirstElement());
		assertEquals(List.of(first), heard);
		// Emptied and filled again, the same table serves.
		view.apply(new ViewRefresher.Snapshot(List.of(), UsbStatus.LISTING));
		view.apply(new ViewRefresher.Snapshot(boards, UsbStatus.LISTING));
		assertEquals(table, view.viewer().getTable());
		assertEquals(BoardColumn.values().length, table.getColumnCount());
		assertEquals(List.of(), errors);
	}

	@Test
	void viewBelongsToTheDebugPerspective() throws Exception {
		PlatformUI.getWorkbench().showPerspective("org.eclipse.debug.ui.DebugPerspective", page.getWorkbenchWindow());
		try {
			assertNotNull(page.findViewReference(DfuDevicesView.ID), "not placed in the Debug perspective");
		} finally {
			PlatformUI.getWorkbench().showPerspective("org.eclipse.ui.resourcePerspective", page.getWorkbenchWindow());
		}
		assertNotNull(page.findViewReference(DfuDevicesView.ID), "not placed in the Resource perspective");
	}

	@Test
	void aNewResourcePerspectiveHasTheViewAsATabBehindTasksAndItsFlashConsoleBesideIt() throws Exception {
		PlatformUI.getWorkbench().showPerspective("org.eclipse.ui.resourcePerspective", page.getWorkbenchWindow());
		page.resetPerspective();
		UiWait.settle(display, Duration.ofMillis(200));
		assertNotNull(page.findViewReference(DfuDevicesView.ID), "not placed in the Resource perspective");
		IViewPart tasks = page.findView(IPageLayout.ID_TASK_LIST);
		assertNotNull(tasks, "Tasks is not shown");
		// Behind Tasks, the view is not shown (nor made) when the perspective opens: the start does not wait for it.
		IViewPart hidden = page.findViewReference(DfuDevicesView.ID).getView(false);
		assertTrue(hidden == null || !page.isPartVisible(hidden), "the view is shown when the perspective opens");
		assertTrue(page.isPartVisible(tasks), "Tasks is not on top of its stack");
		IViewPart view = page.showView(DfuDevicesView.ID);
		UiWait.settle(display, Duration.ofMillis(200));
		assertTrue(page.isPartVisible(view));
		assertTrue(!page.isPartVisible(tasks), "the view is not in Tasks' stack");
		// A flash's console opens beside the boards' rows, not over them.
		IViewPart console = page.showView(IConsoleConstants.ID_CONSOLE_VIEW, null, IWorkbenchPage.VIEW_VISIBLE);
		UiWait.settle(display, Duration.ofMillis(200));
		assertTrue(page.isPartVisible(console), "the Console is not shown");
		assertTrue(page.isPartVisible(view), "the Console opened over the view");
		Screenshots.save(display, "resource-perspective-view-and-console");
	}

	@Test
	void workbenchStartLoggedNoErrorAboutUs() throws Exception {
		// Perspective extensions and the view are read while the workbench starts, before any test runs.
		Path logFile = Platform.getLogFileLocation().toFile().toPath();
		String log = Files.exists(logFile) ? Files.readString(logFile) : "";
		List<String> ours = new ArrayList<>();
		for (String entry : log.split("(?m)^(?=!ENTRY )")) {
			boolean error = entry.matches("(?s)!ENTRY \\S+ 4 .*");
			if (error && (entry.contains("dfutools") || entry.contains("Referenced part does not exist"))) {
				ours.add(entry);
			}
		}
		assertEquals(List.of(), ours);
	}

	@Test
	void closingTheViewWhileItRefreshesIsHarmless() throws Exception {
		DfuDevicesView view = showView();
		view.refresh();
		page.hideView(view);
		assertTrue(UiWait.until(display, LIMIT, () -> Job.getJobManager().find(Activator.PLUGIN_ID).length == 0),
				"the view's refresh job did not end");
		UiWait.settle(display, Duration.ofMillis(300));
		assertEquals(List.of(), errors);
	}

	private DfuDevicesView showView() throws Exception {
		return (DfuDevicesView) page.showView(DfuDevicesView.ID);
	}

	private static Optional<TableItem> row(DfuDevicesView view, String port) {
		if (view.viewer() == null) {
			return Optional.empty();
		}
		Table table = view.viewer().getTable();
		for (TableItem item : table.getItems()) {
			if (item.getData() instanceof Board board && board.device().location().portPath().equals(port)
					&& view.viewer().getTable().isVisible()) {
				return Optional.of(item);
			}
		}
		return Optional.empty();
	}

	private static List<String> cells(TableItem item) {
		List<String> cells = new ArrayList<>();
		for (int column = 0; column < item.getParent().getColumnCount(); column++) {
			cells.add(item.getText(column));
		}
		return cells;
	}

	private static List<String> treeTexts(PropertySheet sheet) {
		List<String> texts = new ArrayList<>();
		if (sheet.getCurrentPage() != null && sheet.getCurrentPage().getControl() instanceof Tree tree) {
			for (TreeItem item : tree.getItems()) {
				collect(item, texts);
			}
		}
		return texts;
	}

	private static void collect(TreeItem item, List<String> texts) {
		texts.add(item.getText(0));
		item.setExpanded(true);
		for (TreeItem child : item.getItems()) {
			collect(child, texts);
		}
	}
}
