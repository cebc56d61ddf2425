package org.dfutools.eclipse.ui.launch;

import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.rowWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

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
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
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
		IWorkbenchWindow window = WorkbenchWindows.activeFillingTheScreen();
		Display display = window.getShell().getDisplay();
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
				runOnTheBoardInTheView("SAVE-VIEW", new ScriptedDialogs(display)
						.then(() -> label(display, "0x08000000-0x08007FFF (32768 bytes)").map(whole -> (Runnable) () -> {
							text(display, "file").orElseThrow().setText(folder.resolve("board.hex").toString());
						}).orElse(null))
						.then(whenRefused(display, "save as .bin", () -> text(display, "file").orElseThrow().setText(saved.toString())))
						.then(() -> saveButton(display).filter(Button::isEnabled).map(save -> (Runnable) () -> {
							screenshot(display, "save-firmware-dialog");
							ScriptedDialogs.click(save);
						}).orElse(null)));

				assertTrue(UiWait.until(display, LIMIT, () -> saveProcess().filter(IProcess::isTerminated).isPresent()),
						"the save did not end");
				IProcess process = saveProcess().orElseThrow();
				assertEquals(0, process.getExitValue(), process.getStreamsProxy().getErrorStreamMonitor().getContents());
				// The console reads the process's output (the stream monitor keeps none of it).
				TextConsole console = ProcessConsoles.of(process).orElseThrow(() -> new AssertionError("no console for the save"));
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

	/**
	 * "Address and length" asks for both, and for a range the alt's layout can read: empty fields would read the whole
	 * memory (the other choice), and an address outside the layout would only fail once the board is rebooted.
	 * The file proposed is a .dfu, the format that flashes back with nothing typed.
	 */
	@Test
	void anAddressAndLengthAreCheckedBeforeSaveIsEnabled() throws Exception {
		Display display = Display.getCurrent();
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "save-range", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x57e2", "serial": "SAVE-RANGE",
					   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
					 "dfu": {"vid": "0x0483", "pid": "0xdfe3", "functional": {"attributes": "0x0b", "version": "0x011a"},
					   "alts": [{"name": "@Internal Flash  /0x08000000/02*016Kg"}]}}
					""", LIMIT);
			try {
				runOnTheBoardInTheView("SAVE-RANGE", new ScriptedDialogs(display)
						.then(() -> radio(display, "Address and length:").map(range -> (Runnable) () -> {
							assertTrue(text(display, "file").orElseThrow().getText().endsWith(".dfu"), text(display, "file").get().getText());
							choose(range, radio(display, "Whole writable memory").orElseThrow());
						}).orElse(null))
						.then(whenRefused(display, "Give the address to read from", () -> text(display, "address").orElseThrow()
								.setText("0x08000000")))
						.then(whenRefused(display, "Give the number of bytes to read", () -> {
							text(display, "address").orElseThrow().setText("0x09000000");
							text(display, "length").orElseThrow().setText("16");
						}))
						.then(whenRefused(display, "0x09000000 is not in a readable sector", () -> {
							screenshot(display, "save-firmware-range-refused");
							text(display, "address").orElseThrow().setText("0x08007FF0");
						}))
						.then(cancelOnceSaveIsEnabled(display)));
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/** On a plain DFU board too, the file proposed is a .dfu (the README's default), and "At most" asks for its length. */
	@Test
	void aPlainDfuBoardIsSavedAsDfuAndAtMostAsksForALength() throws Exception {
		Display display = Display.getCurrent();
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "save-plain", "start_mode": "dfu", "runtime": {"pid": "0x00e4", "serial": "SAVE-PLAIN"},
					 "dfu": {"pid": "0x00e5", "alts": [{"name": "Flash"}]}}
					""", LIMIT);
			try {
				runOnTheBoardInTheView("SAVE-PLAIN", new ScriptedDialogs(display)
						.then(() -> radio(display, "At most:").map(atMost -> (Runnable) () -> {
							assertTrue(text(display, "file").orElseThrow().getText().endsWith("SAVE-PLAIN.dfu"),
									text(display, "file").get().getText());
							choose(atMost, radio(display, "Everything the bootloader sends").orElseThrow());
						}).orElse(null))
						.then(whenRefused(display, "Give the number of bytes to read", () -> text(display, "length").orElseThrow()
								.setText("0x400")))
						.then(cancelOnceSaveIsEnabled(display)));
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/** Selects the board's row in the DFU Devices view, runs Save Firmware from Board... on it and the script in its dialog. */
	private static void runOnTheBoardInTheView(String serial, ScriptedDialogs script) throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Display display = window.getShell().getDisplay();
		IWorkbenchPage page = window.getActivePage();
		DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
		assertTrue(UiWait.until(display, LIMIT, () -> rowWith(window, serial).isPresent()), "no row for " + serial);
		page.activate(view);
		view.getSite().getSelectionProvider().setSelection(new StructuredSelection(rowWith(window, serial).get().getData()));
		script.start();
		PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(SAVE_FIRMWARE, null);
		assertNull(script.failure(), () -> "the dialog script failed: " + script.failure());
		assertTrue(script.done(), () -> "the dialog closed at " + script.position());
	}

	/** A step: once Save is disabled and the dialog says {@code phrase}, then. */
	private static Supplier<Runnable> whenRefused(Display display, String phrase, Runnable then) {
		return () -> saveButton(display).filter(save -> !save.isEnabled() && message(display).contains(phrase)).map(save -> then)
				.orElse(null);
	}

	/** The last step: once Save is enabled, Cancel. */
	private static Supplier<Runnable> cancelOnceSaveIsEnabled(Display display) {
		return () -> saveButton(display).filter(Button::isEnabled).map(save -> (Runnable) () -> ScriptedDialogs.click(ScriptedDialogs
				.find(save.getShell(), Button.class, b -> "Cancel".equals(b.getText().replace("&", ""))).orElseThrow())).orElse(null);
	}

	/** Selects one radio button of two, as a click does: the other loses its selection and both tell their listeners. */
	private static void choose(Button chosen, Button other) {
		other.setSelection(false);
		chosen.setSelection(true);
		other.notifyListeners(SWT.Selection, new Event());
		chosen.notifyListeners(SWT.Selection, new Event());
	}

	private static Optional<Button> radio(Display display, String text) {
		return ScriptedDialogs.shell(display, TITLE).flatMap(shell -> ScriptedDialogs.find(shell, Button.class,
				b -> (b.getStyle() & SWT.RADIO) != 0 && text.equals(b.getText())));
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
		UiWait.settle(display, Duration.ofMillis(300));
		Screenshots.saveNotBlank(display, name);
	}
}
