package org.dfutools.eclipse.ui.launch;

import static org.dfutools.eclipse.ui.launch.ScriptedDialogs.dfuFlashRunButton;
import static org.dfutools.eclipse.ui.launch.ScriptedDialogs.dfuFlashText;
import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.row;
import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.rowWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.launch.FlashLaunchConfiguration;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.dfutools.eclipse.ui.views.DfuDevicesView;
import org.eclipse.core.expressions.EvaluationContext;
import org.eclipse.core.expressions.EvaluationResult;
import org.eclipse.core.expressions.Expression;
import org.eclipse.core.expressions.ExpressionConverter;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other two ways into a DFU Flash besides the Run Configurations dialog: Run As &gt; DFU Flash on a
 * firmware file in the workspace, and Flash Firmware... on a board in the DFU Devices view.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
class DfuFlashEntryPointsTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final String SHORTCUT_ID = "org.dfutools.eclipse.launch.dfuFlash.shortcut";
	private static final String FLASH_FIRMWARE = "org.dfutools.eclipse.ui.commands.flashFirmware";

	@TempDir
	Path folder;

	@Test
	void runAsIsOfferedOnFirmwareFilesAndFlashesTheOneAttachedBoard() throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Display display = window.getShell().getDisplay();
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("firmware-" + System.nanoTime());
		project.create(null);
		project.open(null);
		Path flash = folder.resolve("flash.bin");
		byte[] image = Firmware.image(16 * 1024, 62);
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			IFile bin = project.getFile("app.bin");
			bin.create(new ByteArrayInputStream(image), true, null);
			IFile notes = project.getFile("notes.txt");
			notes.create(new ByteArrayInputStream(new byte[1]), true, null);
			IConfigurationElement shortcut = shortcutExtension();
			assertTrue(offered(shortcut, bin), "Run As > DFU Flash is not offered on a .bin file");
			assertTrue(offered(shortcut, project.getFile("app.dfu")), "Run As > DFU Flash is not offered on a .dfu file");
			assertFalse(offered(shortcut, notes), "Run As > DFU Flash is offered on a text file");

			String twin = """
					{"name": "shortcut", "runtime": {"pid": "0x0062", "serial": "%s"},
					 "dfu": {"pid": "0x0063", "alts": [{"name": "Flash", "output": "%s"}]}}
					""";
			String other = bench.attachAndAwait(twin.formatted("SHORTCUT-1", folder.resolve("other.bin")), LIMIT);
			String port = bench.attachAndAwait(twin.formatted("SHORTCUT-2", flash), LIMIT);
			try {
				ILaunchShortcut launcher = (ILaunchShortcut) shortcut.createExecutableExtension("class");
				String firmware = FlashConfigurations.workspacePath(bin);
				// Several boards are attached: the shortcut asks which one, once.
				ScriptedDialogs script = new ScriptedDialogs(display).then(() -> ScriptedDialogs.selectBoard(display, "SHORTCUT-2", () -> {
				}));
				script.start();
				launcher.launch(new StructuredSelection(bin), "run");
				assertNull(script.failure(), () -> "the dialog script failed: " + script.failure());
				assertTrue(script.done(), () -> "the Select dialog did not come: " + script.position());
				IProcess first = awaitFlash(display, firmware, null);
				assertEquals(0, first.getExitValue(), first.getStreamsProxy().getErrorStreamMonitor().getContents());
				assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flash), image.length));
				List<ILaunchConfiguration> made = FlashConfigurations.forFirmware(firmware);
				assertEquals(1, made.size());
				assertEquals(BoardSelector.Kind.SERIAL.name(), made.get(0).getAttribute(FlashLaunchConfiguration.BOARD_KIND, ""));
				assertEquals("SHORTCUT-2", made.get(0).getAttribute(FlashLaunchConfiguration.BOARD_VALUE, ""));
				assertFalse(Files.exists(folder.resolve("other.bin")), "the other board was flashed");
				assertTrue(UiWait.until(display, LIMIT, () -> bench.boardAt(port).mode() == DeviceMode.RUNTIME));

				// Again: the configuration made the first time runs, without asking; no second one is made.
				launcher.launch(new StructuredSelection(bin), "run");
				IProcess second = awaitFlash(display, firmware, first);
				assertEquals(0, second.getExitValue(), second.getStreamsProxy().getErrorStreamMonitor().getContents());
				assertEquals(1, FlashConfigurations.forFirmware(firmware).size());
				made.get(0).delete();
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
				bench.events.detachAndAwaitRemoval(other, LIMIT);
			}
		} finally {
			project.delete(true, null);
		}
	}

	@Test
	void flashFirmwareOnABoardInTheViewOpensItsConfigurationAndTheRowShowsTheFlash() throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Display display = window.getShell().getDisplay();
		IWorkbenchPage page = window.getActivePage();
		Path flash = folder.resolve("flash.bin");
		byte[] image = Firmware.image(64 * 1024, 64);
		Path file = Files.write(folder.resolve("from-the-view.bin"), image);
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "from-view", "runtime": {"pid": "0x0064", "serial": "VIEW-FLASH", "product": "View board"},
					 "dfu": {"pid": "0x0065", "alts": [{"name": "Flash", "output": "%s"}]},
					 "behaviour": {"reenumerate_delay_ms": 300}}
					""".formatted(flash), LIMIT);
			try {
				DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
				assertTrue(UiWait.until(display, LIMIT, () -> rowWith(window, "VIEW-FLASH").isPresent()), "no row for VIEW-FLASH");
				Board board = (Board) rowWith(window, "VIEW-FLASH").get().getData();
				page.activate(view);
				view.getSite().getSelectionProvider().setSelection(new StructuredSelection(board));

				ScriptedDialogs script = new ScriptedDialogs(display)
						.then(() -> dfuFlashText(display, "boardValue").filter(t -> t.getText().equals("VIEW-FLASH"))
								.map(t -> (Runnable) () -> dfuFlashText(display, "firmware").orElseThrow().setText(file.toString()))
								.orElse(null))
						.then(() -> dfuFlashRunButton(display).filter(Button::isEnabled).map(run -> (Runnable) () -> ScriptedDialogs.click(run))
								.orElse(null));
				script.start();
				PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(FLASH_FIRMWARE, null);
				assertNull(script.failure(), () -> "the dialog script failed: " + script.failure());
				assertTrue(script.done(), () -> "the dialog closed at " + script.position());

				List<String> modesSeen = new ArrayList<>();
				assertTrue(UiWait.until(display, LIMIT, () -> {
					row(window, board.id()).ifPresent(item -> modesSeen.add(item.getText(2)));
					return launchOf("VIEW-FLASH").filter(IProcess::isTerminated).isPresent();
				}), "the flash did not end; modes seen: " + modesSeen);
				IProcess process = launchOf("VIEW-FLASH").orElseThrow();
				assertEquals(0, process.getExitValue(), process.getStreamsProxy().getErrorStreamMonitor().getContents());
				assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flash), image.length));
				assertTrue(modesSeen.contains("Flashing..."), "the row never showed the flash: " + modesSeen);
				assertTrue(UiWait.until(display, LIMIT, () -> row(window, board.id()).map(item -> item.getText(2).equals("Run-time"))
						.orElse(false)), "the row does not show the board back in run-time mode");
				// Flash Firmware... again: the configuration made for the board opens, no "View board (1)".
				int configurations = DebugPlugin.getDefault().getLaunchManager()
						.getLaunchConfigurations(FlashConfigurations.type()).length;
				view.getSite().getSelectionProvider().setSelection(new StructuredSelection(row(window, board.id()).get().getData()));
				ScriptedDialogs again = new ScriptedDialogs(display)
						.then(() -> dfuFlashText(display, "firmware").filter(t -> t.getText().equals(file.toString()))
								.flatMap(t -> ScriptedDialogs.find(t.getShell(), Button.class, b -> "Close".equals(b.getText().replace("&", ""))))
								.map(close -> (Runnable) () -> ScriptedDialogs.click(close)).orElse(null));
				again.start();
				PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(FLASH_FIRMWARE, null);
				assertNull(again.failure(), () -> "the second dialog script failed: " + again.failure());
				assertTrue(again.done(), "the configuration made for the board did not open again");
				assertEquals(configurations,
						DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations(FlashConfigurations.type()).length,
						"Flash Firmware... made another configuration for the same board");
				process.getLaunch().getLaunchConfiguration().delete();
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/**
	 * Flash Firmware... on one of two identical boards (one serial for both, as many boards of one batch have): the
	 * configuration made earlier by that serial, when the board was alone, would select both and could not run, so a
	 * new one identifies the board by its port; the Select dialog lists the boards in port order with that board selected.
	 */
	@Test
	void flashFirmwareOnOneOfTwoIdenticalBoardsIdentifiesItByItsPort() throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Display display = window.getShell().getDisplay();
		IWorkbenchPage page = window.getActivePage();
		String twin = """
				{"name": "twin", "runtime": {"pid": "0x0066", "serial": "TWIN-FLASH", "product": "Twin board"}, "dfu": {"pid": "0x0067"}}
				""";
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String first = bench.attachAndAwait(twin, LIMIT);
			Board alone = bench.boardAt(first);
			ILaunchConfiguration earlier = FlashConfigurations.createFor("Twin board", alone, bench.registry.boards(), "").doSave();
			String second = bench.attachAndAwait(twin, LIMIT);
			List<ILaunchConfiguration> made = new ArrayList<>();
			try {
				assertEquals("TWIN-FLASH", FlashLaunchConfiguration.read(earlier).board().value(), "made by its serial when alone");
				DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
				// The rows of both twins (a row of an earlier board on the same port is replaced once the view has caught up).
				List<String> ids = List.of(alone.id(), bench.boardAt(second).id());
				assertTrue(UiWait.until(display, LIMIT, () -> ids.stream().allMatch(id -> row(window, id)
						.filter(item -> ((Board) item.getData()).device().serial().equals("TWIN-FLASH")).isPresent())), "no rows for the twins");
				page.activate(view);
				Board selected = (Board) row(window, alone.id()).get().getData();
				view.getSite().getSelectionProvider().setSelection(new StructuredSelection(selected));
				List<String> listed = new ArrayList<>();
				ScriptedDialogs script = new ScriptedDialogs(display)
						// With no board in the configuration, Select... starts from the view's selection.
						.then(() -> dfuFlashText(display, "boardValue").filter(t -> !t.getText().isEmpty()).flatMap(t -> ScriptedDialogs
								.find(t.getShell(), Button.class, b -> "selectBoard".equals(b.getData(DfuFlashMainTab.WIDGET_ID))))
								.map(select -> (Runnable) () -> {
									assertEquals(first, dfuFlashText(display, "boardValue").orElseThrow().getText(), "the board's value");
									dfuFlashText(display, "boardValue").orElseThrow().setText("");
									ScriptedDialogs.click(select);
								}).orElse(null))
						.then(() -> ScriptedDialogs.shell(display, "Select a Board")
								.flatMap(dialog -> ScriptedDialogs.find(dialog, Table.class, table -> table.getItemCount() >= 2))
								.map(table -> (Runnable) () -> {
									Arrays.stream(table.getItems()).map(item -> item.getText(4)).forEach(listed::add);
									assertEquals(1, table.getSelectionCount(), "the board selected in the view is not selected");
									assertEquals(first, table.getSelection()[0].getText(4));
									ScriptedDialogs.click(ScriptedDialogs.find(table.getShell(), Button.class,
											b -> "Cancel".equals(b.getText().replace("&", ""))).orElseThrow());
								}).orElse(null))
						.then(() -> dfuFlashText(display, "boardValue").filter(t -> t.getText().isEmpty() && t.isEnabled())
								.flatMap(t -> ScriptedDialogs.find(t.getShell(), Button.class, b -> "Close".equals(b.getText().replace("&", ""))))
								.map(close -> (Runnable) () -> {
									dfuFlashText(display, "boardValue").orElseThrow().setText(first);
									ScriptedDialogs.click(close);
								}).orElse(null));
				script.start();
				PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(FLASH_FIRMWARE, null);
				assertNull(script.failure(), () -> "the dialog script failed: " + script.failure());
				assertTrue(script.done(), () -> "the dialog closed at " + script.position());
				List<String> inPortOrder = new ArrayList<>(listed);
				inPortOrder.sort(Comparator.comparing((String port) -> Integer.parseInt(port.substring(port.lastIndexOf('-') + 1))));
				assertEquals(inPortOrder, listed, "the Select dialog's order");
				for (ILaunchConfiguration configuration : DebugPlugin.getDefault().getLaunchManager()
						.getLaunchConfigurations(FlashConfigurations.type())) {
					if (FlashLaunchConfiguration.read(configuration).board().value().equals(first)) {
						made.add(configuration);
					}
				}
				assertEquals(1, made.size(), "no configuration by the board's port");
				assertEquals(BoardSelector.Kind.PORT, FlashLaunchConfiguration.read(made.get(0)).board().kind());
			} finally {
				earlier.delete();
				for (ILaunchConfiguration configuration : made) {
					configuration.delete();
				}
				bench.events.detachAndAwaitRemoval(second, LIMIT);
				bench.events.detachAndAwaitRemoval(first, LIMIT);
			}
		}
	}

	private static IConfigurationElement shortcutExtension() {
		return Arrays.stream(Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.debug.ui.launchShortcuts"))
				.filter(element -> SHORTCUT_ID.equals(element.getAttribute("id"))).findFirst()
				.orElseThrow(() -> new AssertionError("no launch shortcut " + SHORTCUT_ID));
	}

	/** Whether Run As offers the shortcut on this one selected file: its contextual enablement, evaluated. */
	private static boolean offered(IConfigurationElement shortcut, IFile file) throws Exception {
		IConfigurationElement enablement = shortcut.getChildren("contextualLaunch")[0].getChildren("enablement")[0];
		Expression expression = ExpressionConverter.getDefault().perform(enablement);
		EvaluationContext context = new EvaluationContext(null, List.of(file));
		context.addVariable("selection", List.of(file));
		return expression.evaluate(context) == EvaluationResult.TRUE;
	}

	/** The ended process of a launch of a configuration for this firmware, other than {@code earlier}. */
	private static IProcess awaitFlash(Display display, String firmware, IProcess earlier) {
		AtomicReference<IProcess> found = new AtomicReference<>();
		assertTrue(UiWait.until(display, LIMIT, () -> {
			for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
				if (launch.getProcesses().length > 0 && launch.getProcesses()[0] != earlier
						&& launch.getProcesses()[0].isTerminated() && firmware.equals(firmwareOf(launch))) {
					found.set(launch.getProcesses()[0]);
					return true;
				}
			}
			return false;
		}), "no flash of " + firmware + " ended");
		return found.get();
	}

	private static Optional<IProcess> launchOf(String serial) {
		for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
			try {
				if (launch.getLaunchConfiguration() != null && launch.getProcesses().length > 0
						&& serial.equals(launch.getLaunchConfiguration().getAttribute(FlashLaunchConfiguration.BOARD_VALUE, ""))) {
					return Optional.of(launch.getProcesses()[0]);
				}
			} catch (org.eclipse.core.runtime.CoreException e) {
				throw new AssertionError(e);
			}
		}
		return Optional.empty();
	}

	private static String firmwareOf(ILaunch launch) {
		try {
			return launch.getLaunchConfiguration() == null ? ""
					: launch.getLaunchConfiguration().getAttribute(FlashLaunchConfiguration.FIRMWARE, "");
		} catch (org.eclipse.core.runtime.CoreException e) {
			throw new AssertionError(e);
		}
	}
}
