package org.dfutools.eclipse.ui.launch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.dfutools.eclipse.ui.views.DfuDevicesView;
import org.dfutools.eclipse.ui.views.DfuDevicesViewControls;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every documented way into DFU Flash, through the real menus of a plain Eclipse: the Run menu and the Run
 * toolbar button in the Resource perspective, Run As &gt; DFU Flash in the Project Explorer's context menu of
 * firmware files, and Flash Firmware... in the DFU Devices view's context menu.
 */
class WaysIntoDfuFlashTest {

	private static final Duration LIMIT = Duration.ofSeconds(20);
	private static final String RESOURCE_PERSPECTIVE = "org.eclipse.ui.resourcePerspective";

	private IWorkbenchWindow window;
	private IWorkbenchPage page;
	private Display display;

	@BeforeEach
	void inTheResourcePerspective() throws Exception {
		window = WorkbenchWindows.activeFillingTheScreen();
		display = window.getShell().getDisplay();
		page = window.getActivePage();
		PlatformUI.getWorkbench().showPerspective(RESOURCE_PERSPECTIVE, window);
		page.resetPerspective();
		UiWait.settle(display, Duration.ofMillis(200));
	}

	@Test
	void theResourcePerspectiveHasTheRunMenuAndTheRunButton() throws Exception {
		MenuItem run = item(window.getShell().getMenuBar(), "Run")
				.orElseThrow(() -> new AssertionError("no Run menu in the Resource perspective: " + texts(window.getShell().getMenuBar())));
		List<String> entries = texts(shown(run.getMenu()));
		assertTrue(entries.contains("Run Configurations..."), "the Run menu holds " + entries);
		assertTrue(entries.contains("Run As"), "the Run menu holds " + entries);
		List<String> buttons = new ArrayList<>();
		toolTips(window.getShell(), buttons);
		assertTrue(buttons.stream().anyMatch(tip -> tip.equals("Run") || tip.startsWith("Run ")),
				"no Run button on the main toolbar: " + buttons);
	}

	@Test
	void runAsOnAFirmwareFileInTheProjectExplorerOffersDfuFlash() throws Exception {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("ways-in-" + System.nanoTime());
		project.create(null);
		project.open(null);
		try {
			CommonNavigator explorer = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
			for (String name : List.of("app.bin", "app.dfu", "notes.txt")) {
				IFile file = project.getFile(name);
				file.create(new ByteArrayInputStream(new byte[16]), true, null);
				List<String> runAs = runAsEntries(explorer, file);
				boolean firmware = !name.endsWith(".txt");
				assertTrue(!firmware || runAs.stream().anyMatch(entry -> entry.endsWith("DFU Flash")),
						"Run As on " + name + " offers " + runAs);
				assertFalse(!firmware && runAs.stream().anyMatch(entry -> entry.endsWith("DFU Flash")),
						"Run As on " + name + " offers DFU Flash: " + runAs);
			}
			Tree tree = explorer.getCommonViewer().getTree();
			explorer.selectReveal(new StructuredSelection(project.getFile("app.bin")));
			showPopup(tree.getMenu(), tree, "ways-in-project-explorer");
		} finally {
			project.delete(true, null);
		}
	}

	@Test
	@org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void flashFirmwareIsInTheContextMenuOfABoard() throws Exception {
		DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
		assertTrue(UiWait.until(display, LIMIT, () -> DfuDevicesViewControls.table(window).isPresent()), "the view shows no board");
		Table table = DfuDevicesViewControls.table(window).get();
		TableItem first = table.getItem(0);
		page.activate(view);
		view.getSite().getSelectionProvider().setSelection(new StructuredSelection((Board) first.getData()));
		UiWait.settle(display, Duration.ofMillis(200));
		Menu menu = shown(table.getMenu());
		Optional<MenuItem> flash = item(menu, "Flash Firmware...");
		assertTrue(flash.isPresent(), "the board's context menu holds " + texts(menu));
		assertTrue(flash.get().isEnabled(), "Flash Firmware... is disabled on " + first.getText(0));
		showPopup(table.getMenu(), table, "ways-in-dfu-devices");
	}

	/** The entries of the Run As submenu of the file's context menu in the Project Explorer. */
	private List<String> runAsEntries(CommonNavigator explorer, IFile file) {
		page.activate(explorer);
		explorer.selectReveal(new StructuredSelection(file));
		UiWait.settle(display, Duration.ofMillis(200));
		Menu menu = shown(explorer.getCommonViewer().getTree().getMenu());
		Optional<MenuItem> runAs = item(menu, "Run As");
		if (runAs.isEmpty()) {
			return List.of("(no Run As in " + texts(menu) + ")");
		}
		return texts(shown(runAs.get().getMenu()));
	}

	/** The menu after its SWT.Show listeners ran: what the workbench puts in it when it opens. */
	private Menu shown(Menu menu) {
		menu.notifyListeners(SWT.Show, new Event());
		UiWait.settle(display, Duration.ofMillis(100));
		return menu;
	}

	/** Opens the popup for a screenshot, as a right-click would, and closes it again. */
	private void showPopup(Menu menu, Control owner, String screenshot) throws Exception {
		var bounds = display.map(owner, null, owner.getBounds());
		menu.setLocation(bounds.x + 40, bounds.y + 40);
		menu.setVisible(true);
		UiWait.settle(display, Duration.ofMillis(400));
		Screenshots.save(display, screenshot);
		menu.setVisible(false);
		UiWait.settle(display, Duration.ofMillis(100));
	}

	private static Optional<MenuItem> item(Menu menu, String text) {
		for (MenuItem item : menu.getItems()) {
			if (label(item).equals(text)) {
				return Optional.of(item);
			}
		}
		return Optional.empty();
	}

	private static List<String> texts(Menu menu) {
		List<String> texts = new ArrayList<>();
		for (MenuItem item : menu.getItems()) {
			if ((item.getStyle() & SWT.SEPARATOR) == 0) {
				texts.add(label(item));
			}
		}
		return texts;
	}

	/** An item's text without its mnemonic and accelerator. */
	private static String label(MenuItem item) {
		String text = item.getText().replace("&", "");
		int tab = text.indexOf('\t');
		return (tab < 0 ? text : text.substring(0, tab)).strip();
	}

	private static void toolTips(Control control, List<String> tips) {
		if (control instanceof ToolBar bar) {
			for (ToolItem item : bar.getItems()) {
				if (item.getToolTipText() != null) {
					tips.add(item.getToolTipText());
				}
			}
		}
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				toolTips(child, tips);
			}
		}
	}
}
