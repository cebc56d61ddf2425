package org.dfutools.eclipse.ui.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.FlashLaunches.Outcome;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.StrayPortHolder;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.dfutools.eclipse.ui.launch.WorkbenchWindows;
import org.dfutools.eclipse.ui.views.DfuDevicesView;
import org.dfutools.eclipse.ui.views.DfuDevicesViewControls;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serial Monitor from a board's menu in the DFU Devices view, in the real workbench on the bench: its console shows
 * what the board prints and sends what is typed; a flash closes it and it reopens on the board's new port; a board
 * pulled out is said to have left; closing the console closes the port.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
class SerialMonitorInViewTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final String CDC_BOARD = """
			{"name": "cdc-ui", "runtime": {"pid": "0x0130", "serial": "%s", "product": "Sensor board",
			   "device_class": "0xef", "device_subclass": 2, "device_protocol": 1, "interfaces": [
			   {"class": 2, "subclass": 2, "protocol": 1, "association": {"count": 2},
			    "extra": "0524001001 0524010001 04240202 0524060001",
			    "endpoints": [{"address": "0x83", "type": "interrupt", "max_packet": 16, "interval": 16}],
			    "serial_port": {"banner": "sensor board %s ready", "lines": ["temperature 21.%%(n)d C"], "every_ms": 250}},
			   {"class": 10, "endpoints": [{"address": "0x81", "type": "bulk", "max_packet": 64},
			                               {"address": "0x01", "type": "bulk", "max_packet": 64}]},
			   {"dfu": true}]},
			 "dfu": {"pid": "0x0131", "alts": [{"name": "Flash", "output": "%s"}]}}
			""";

	@TempDir
	Path folder;

	@Test
	void theMonitorOfABoardStepsAsideForAFlashAndFollowsItToItsNewPort() throws Exception {
		IWorkbenchWindow window = WorkbenchWindows.activeFillingTheScreen();
		Display display = window.getShell().getDisplay();
		IWorkbenchPage page = window.getActivePage();
		Path flash = folder.resolve("flash.bin");
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String plain = bench.attachAndAwait("""
					{"name": "no-serial", "runtime": {"pid": "0x0132", "serial": "NO-SERIAL"}, "dfu": {"pid": "0x0133"}}
					""", LIMIT);
			String port = bench.attachAndAwait(CDC_BOARD.formatted("CDC-UI", "CDC-UI", flash), LIMIT);
			try {
				DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
				page.activate(view);
				assertFalse(menuOf(view, window, "NO-SERIAL").contains("Serial Monitor"), "a board without a serial port");
				List<String> menu = menuOf(view, window, "CDC-UI");
				assertTrue(menu.contains("Serial Monitor"), menu.toString());
				click(view, window, "CDC-UI", "Serial Monitor");

				SerialMonitorConsole console = awaitConsole(display, bench.boardAt(port).id());
				// What the person types next goes to the board, not to the view they clicked in.
				assertEquals(IConsoleConstants.ID_CONSOLE_VIEW, page.getActivePart().getSite().getId());
				awaitText(display, console, "Opened /dev/ttyACM");
				awaitText(display, console, "sensor board CDC-UI ready");
				awaitText(display, console, "temperature 21.");
				String opened = console.monitor().portPath();
				assertTrue(UiWait.until(display, LIMIT, () -> console.getName().contains(opened + " (115200 baud)")),
						console.getName());
				type(display, console, "status\n");
				// The bench's board answers each line with "echo: LINE".
				awaitText(display, console, "echo: status");
				page.setPartState(page.findViewReference(IConsoleConstants.ID_CONSOLE_VIEW), IWorkbenchPage.STATE_MAXIMIZED);
				UiWait.settle(display, Duration.ofMillis(300));
				Screenshots.save(display, "serial-monitor");
				page.setPartState(page.findViewReference(IConsoleConstants.ID_CONSOLE_VIEW), IWorkbenchPage.STATE_RESTORED);

				byte[] image = Firmware.image(16 * 1024, 40);
				Path file = Files.write(folder.resolve("app.bin"), image);
				FlashConfiguration values = FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.SERIAL, "CDC-UI"), file)
						.waitForApplication(true).applicationTimeoutSeconds("10").build();
				// Another program takes the old port as soon as the monitor lets it go: the board comes back elsewhere.
				Outcome outcome;
				try (AutoCloseable stray = StrayPortHolder.whenABoardIsTaken(DfuCore.deviceService().busyBoards(), opened)) {
					outcome = FlashLaunches.run(FlashLaunches.configuration("Flash sensor board", values),
							new NullProgressMonitor(), LIMIT);
					assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
					assertArrayEquals(image, Files.readAllBytes(flash));
					awaitText(display, console, "Closed " + opened + " for a DFU Flash launch.");
					String reopened = awaitText(display, console, "Reopened on /dev/ttyACM");
					assertTrue(reopened.contains("(it was " + opened + ")"), reopened);
				}
				assertFalse(console.monitor().portPath().equals(opened));
				ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
				page.setPartState(page.findViewReference(IConsoleConstants.ID_CONSOLE_VIEW), IWorkbenchPage.STATE_MAXIMIZED);
				awaitText(display, console, "temperature 21.", console.getDocument().getLength());
				UiWait.settle(display, Duration.ofMillis(300));
				Screenshots.save(display, "serial-monitor-after-flash");

				// Pulled out with the port open.
				bench.events.detachAndAwaitRemoval(port, LIMIT);
				awaitText(display, console, "The monitor reopens the port when the board is back.");
				UiWait.settle(display, Duration.ofMillis(300));
				Screenshots.save(display, "serial-monitor-board-pulled-out");
				page.setPartState(page.findViewReference(IConsoleConstants.ID_CONSOLE_VIEW), IWorkbenchPage.STATE_RESTORED);

				String boardId = console.boardId();
				ConsolePlugin.getDefault().getConsoleManager().removeConsoles(new IConsole[] { console });
				assertTrue(UiWait.until(display, LIMIT, () -> DfuCore.deviceService().serialMonitors().monitor(boardId).isEmpty()),
						"closing the console left its monitor");
			} finally {
				if (bench.registry.boards().stream().anyMatch(b -> b.device().location().portPath().equals(port))) {
					bench.events.detachAndAwaitRemoval(port, LIMIT);
				}
				bench.events.detachAndAwaitRemoval(plain, LIMIT);
			}
		}
	}

	/** The board's menu in the view, as it is when it opens. */
	private static List<String> menuOf(DfuDevicesView view, IWorkbenchWindow window, String serial) {
		Menu menu = select(view, window, serial);
		List<String> texts = new ArrayList<>();
		for (MenuItem item : menu.getItems()) {
			if ((item.getStyle() & SWT.SEPARATOR) == 0) {
				texts.add(item.getText().replace("&", "").strip());
			}
		}
		return texts;
	}

	/** Clicks an entry of the board's menu. */
	private static void click(DfuDevicesView view, IWorkbenchWindow window, String serial, String entry) {
		Menu menu = select(view, window, serial);
		for (MenuItem item : menu.getItems()) {
			if (item.getText().replace("&", "").strip().equals(entry)) {
				assertTrue(item.isEnabled(), entry + " is disabled");
				item.notifyListeners(SWT.Selection, new Event());
				return;
			}
		}
		throw new AssertionError("no " + entry);
	}

	private static Menu select(DfuDevicesView view, IWorkbenchWindow window, String serial) {
		Display display = window.getShell().getDisplay();
		assertTrue(UiWait.until(display, LIMIT, () -> DfuDevicesViewControls.rowWith(window, serial).isPresent()), serial);
		view.getSite().getSelectionProvider().setSelection(
				new StructuredSelection((Board) DfuDevicesViewControls.rowWith(window, serial).get().getData()));
		UiWait.settle(display, Duration.ofMillis(200));
		Table table = DfuDevicesViewControls.table(window).orElseThrow();
		Menu menu = table.getMenu();
		menu.notifyListeners(SWT.Show, new Event());
		UiWait.settle(display, Duration.ofMillis(100));
		return menu;
	}

	private static SerialMonitorConsole awaitConsole(Display display, String boardId) {
		assertTrue(UiWait.until(display, LIMIT, () -> SerialMonitorConsoles.of(boardId).isPresent()), "no monitor console");
		return SerialMonitorConsoles.of(boardId).get();
	}

	/** The console's line holding {@code text}, once it shows. */
	private static String awaitText(Display display, SerialMonitorConsole console, String text) {
		return awaitText(display, console, text, 0);
	}

	private static String awaitText(Display display, SerialMonitorConsole console, String text, int from) {
		assertTrue(UiWait.until(display, LIMIT, () -> console.getDocument().get().indexOf(text, from) >= 0),
				() -> "the console never showed " + text + ":\n" + console.getDocument().get());
		String all = console.getDocument().get();
		int at = all.indexOf(text, from);
		int end = all.indexOf('\n', at);
		return all.substring(all.lastIndexOf('\n', at) + 1, end < 0 ? all.length() : end);
	}

	/** Types into the console as a person does: the text goes into its document at the end, Enter sends the line. */
	private static void type(Display display, SerialMonitorConsole console, String text) throws BadLocationException {
		IDocument document = console.getDocument();
		document.replace(document.getLength(), 0, text);
		UiWait.settle(display, Duration.ofMillis(100));
	}
}
