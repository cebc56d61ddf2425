package org.dfutools.eclipse.ui.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.dfutools.eclipse.ui.views.DfuDevicesView;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save Firmware from Board... on a board selected in the DFU Devices view, in the real workbench: the dialog shows
 * the board's whole writable memory and refuses a bad file name, Save reads the board with the real dfu-util into
 * the chosen file, and the console shows every step and the summary.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
class SaveFirmwareInViewTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final String SAVE_FIRMWARE = "org.dfutools.eclipse.ui.commands.saveFirmware";
	private static final String TITLE = "Save Firmware from Board";

	@TempDir
	Path folder;

	@Test
	void aBoardSelectedInTheViewIsSavedToTheChosenFile() throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Display display = window.getShell().getDisplay();
		window.getShell().setBounds(display.getPrimaryMonitor().getBounds());
		IWorkbenchPage page = window.getActivePage();
		byte[] memory = Firmware.image(32 * 1024, 90);
		Path initial = Files.write(folder.resolve("initial.bin"), memory);
		Path saved = folder.resolve("board.dfu");
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			// Seen in DFU mode once, so that the dialog knows its memory layout.
			String port = bench.attachAndAwait("""
					{"name": "save-view", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x57e0", "serial": "SAVE-VIEW",
					   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
					 "dfu": {"vid": "0x0483", "pid": "0xdfe1", "functional": {"attributes": "0x0b", "version": "0x011a"},
					   "alts": [{"name": "@Internal Flash  /0x08000000/02*016Kg", "upload_file": "%s"}]}}
					""".formatted(initial), LIMIT);
			try {
				DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
				assertTrue(UiWait.until(display, LIMIT, () -> rowWith(window, "SAVE-VIEW").isPresent()), "no row for SAVE-VIEW");
				Board board = (Board) rowWith(window, "SAVE-VIEW").get().getData();
				page.activate(view);
				view.getSite().getSelectionProvider().setSelection(new StructuredSelection(board));

				ScriptedDialogs script = new ScriptedDialogs(display)
						.then(() -> label(display, "0x08000000-0x08007FFF (32768 bytes)").map(whole -> (Runnable) () -> {
							text(display, "file").orElseThrow().setText(folder.resolve("board.hex").toString());
						}).orElse(null))
						.then(() -> saveButton(display).filter(save -> !save.isEnabled()).map(save -> (Runnable) () -> {
							assertTrue(message(display).contains("save as .bin"), message(display));
							text(display, "file").orElseThrow().setText(saved.toString());
						}).orElse(null))
						.then(() -> saveButton(display).filter(Button::isEnabled).map(save -> (Runnable) () -> {
							screenshot(display, "save-firmware-dialog");
							ScriptedDialogs.click(save);
						}).orElse(null));
				script.start();
				PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(SAVE_FIRMWARE, null);
				assertNull(script.failure(), () -> "the dialog script failed: " + script.failure());
				assertTrue(script.done(), () -> "the dialog closed at " + script.position());

				assertTrue(UiWait.until(display, LIMIT, () -> saveProcess().filter(IProcess::isTerminated).isPresent()),
						"the save did not end");
				IProcess process = saveProcess().orElseThrow();
				assertEquals(0, process.getExitValue(), process.getStreamsProxy().getErrorStreamMonitor().getContents());
				// The console reads the process's output (the stream monitor keeps none of it).
				TextConsole console = console(process).orElseThrow(() -> new AssertionError("no console for the save"));
				assertTrue(UiWait.until(display, LIMIT, () -> console.getDocument().get().contains("After:")),
						() -> "the console shows no summary: " + console.getDocument().get());
				String text = console.getDocument().get();
				assertTrue(text.contains("-s 0x08000000:32768 -U ") && text.contains("After:  left in DFU mode, as it was found"), text);
				FirmwareImage file = FirmwareFiles.read(saved);
				assertTrue(file.dfuSeContainer());
				assertArrayEquals(memory, Arrays.copyOfRange(file.content(), 11 + 274 + 8, 11 + 274 + 8 + memory.length),
						"the one element holds the board's memory");

				page.showView(IConsoleConstants.ID_CONSOLE_VIEW);
				ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
				page.setPartState(page.findViewReference(IConsoleConstants.ID_CONSOLE_VIEW), IWorkbenchPage.STATE_MAXIMIZED);
				try {
					screenshot(display, "save-firmware-console");
				} finally {
					page.setPartState(page.findViewReference(IConsoleConstants.ID_CONSOLE_VIEW), IWorkbenchPage.STATE_RESTORED);
				}
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	private static Optional<TableItem> rowWith(IWorkbenchWindow window, String serial) {
		return ScriptedDialogs.find(window.getShell(), Table.class,
				t -> t.isVisible() && t.getItemCount() > 0 && t.getItem(0).getData() instanceof Board)
				.flatMap(t -> Arrays.stream(t.getItems()).filter(item -> ((Board) item.getData()).device().serial().equals(serial))
						.findFirst());
	}

	private static Optional<TextConsole> console(IProcess process) {
		return Arrays.stream(ConsolePlugin.getDefault().getConsoleManager().getConsoles())
				.filter(console -> console instanceof org.eclipse.debug.ui.console.IConsole processConsole
						&& processConsole.getProcess() == process && console instanceof TextConsole)
				.map(TextConsole.class::cast).findFirst();
	}

	private static Optional<IProcess> saveProcess() {
		for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
			if (launch.getLaunchConfiguration() != null && launch.getLaunchConfiguration().getName().startsWith("Save Firmware from")
					&& launch.getProcesses().length > 0) {
				return Optional.of(launch.getProcesses()[0]);
			}
		}
		return Optional.empty();
	}

	private static Optional<Text> text(Display display, String id) {
		return ScriptedDialogs.shell(display, TITLE).flatMap(shell -> ScriptedDialogs.find(shell, Text.class,
				t -> id.equals(t.getData(DfuFlashMainTab.WIDGET_ID))));
	}

	private static Optional<Label> label(Display display, String text) {
		return ScriptedDialogs.shell(display, TITLE).flatMap(shell -> ScriptedDialogs.find(shell, Label.class,
				l -> l.getText().equals(text)));
	}

	private static Optional<Button> saveButton(Display display) {
		return ScriptedDialogs.shell(display, TITLE).flatMap(shell -> ScriptedDialogs.find(shell, Button.class,
				b -> "Save".equals(b.getText().replace("&", ""))));
	}

	/** The dialog's message line (a read-only text in the title area). */
	private static String message(Display display) {
		StringBuilder all = new StringBuilder();
		ScriptedDialogs.shell(display, TITLE).ifPresent(shell -> ScriptedDialogs.find(shell, Text.class, t -> {
			if ((t.getStyle() & org.eclipse.swt.SWT.READ_ONLY) != 0) {
				all.append(t.getText()).append('\n');
			}
			return false;
		}));
		return all.toString();
	}

	private static void screenshot(Display display, String name) {
		try {
			UiWait.settle(display, Duration.ofMillis(300));
			Path shot = Screenshots.save(display, name);
			assertTrue(Screenshots.distinctColors(shot) > 16, "the screenshot looks blank: " + shot);
		} catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
	}
}
