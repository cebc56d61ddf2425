package org.dfutools.eclipse.ui.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.launch.FlashLaunchConfiguration;
import org.dfutools.eclipse.testsupport.ArmBuild;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.console.TextConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DFU Flash configuration in the real Run Configurations dialog: the board chosen with Select...,
 * a bad value refused, Run pressed, and the console and the board seen afterwards.
 */
class DfuFlashLaunchDialogTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final String RUN_CONFIGURATIONS = "Run Configurations";

	@TempDir
	Path folder;

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void aConfigurationMadeInTheDialogFlashesTheBoardAndShowsTheConsole() throws Exception {
		IWorkbenchWindow window = WorkbenchWindows.activeFillingTheScreen();
		Display display = window.getShell().getDisplay();
		Path flash = folder.resolve("flash.bin");
		byte[] image = Firmware.image(64 * 1024, 60);
		Path file = Files.write(folder.resolve("blinky.bin"), image);
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "ui-flash", "runtime": {"pid": "0x0060", "product": "Blinky board", "serial": "UI-FLASH",
					  "bcdDevice_after_update": "0x0101"},
					 "dfu": {"pid": "0x0061", "product": "Blinky bootloader", "alts": [{"name": "Flash", "output": "%s"}]}}
					""".formatted(flash), LIMIT);
			try {
				ILaunchConfiguration configuration = FlashConfigurations.create("Blinky", null, file.toString()).doSave();
				ScriptedDialogs script = new ScriptedDialogs(display)
						.then(() -> button(display, "selectBoard").map(select -> (Runnable) () -> ScriptedDialogs.click(select)).orElse(null))
						.then(() -> ScriptedDialogs.selectBoard(display, "UI-FLASH", () -> saveScreenshot(display, "dfu-flash-select-board")))
						.then(() -> text(display, "boardValue").filter(t -> t.getText().equals("UI-FLASH")).map(t -> (Runnable) () -> {
							text(display, "extraArguments").orElseThrow().setText("-v -D /etc/passwd");
						}).orElse(null))
						.then(() -> launchButton(display).filter(run -> !run.isEnabled()).map(run -> (Runnable) () -> {
							text(display, "extraArguments").orElseThrow().setText("");
						}).orElse(null))
						.then(() -> launchButton(display).filter(Button::isEnabled).map(run -> (Runnable) () -> {
							// The size a user's dialog usually has, so that the picture shows the whole tab.
							run.getShell().setSize(980, 780);
							saveScreenshot(display, "dfu-flash-configuration");
							ScriptedDialogs.click(run);
						}).orElse(null));
				IProcess process = runFromTheDialog(window, configuration, script);
				assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flash), image.length));
				assertTrue(UiWait.until(display, LIMIT, () -> bench.boardAt(port).mode() == DeviceMode.RUNTIME));
				ILaunchConfiguration saved = DebugPlugin.getDefault().getLaunchManager().getLaunchConfiguration(configuration.getMemento());
				assertEquals("UI-FLASH", saved.getAttribute(FlashLaunchConfiguration.BOARD_VALUE, ""));

				String text = consoleText(window, process);
				assertTrue(text.contains("Download done.") && text.contains("-p " + port + " -S ,UI-FLASH -a 0 -R -D ")
						&& text.contains("/" + file.getFileName()), text);
				assertTrue(text.contains("bcdDevice 0101"), text);
				screenshotOfTheConsole(window, "dfu-flash-console");
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/**
	 * A build's ELF with 20 MiB of debug information after its program, chosen in the tab: the line under the file
	 * shows its segments and the check against the board's layout (the dialog reads only its loadable segments), Run
	 * writes them, and the console says how.
	 */
	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
	void anElfWithDebugInformationIsCheckedRunAndItsConsoleRead() throws Exception {
		IWorkbenchWindow window = WorkbenchWindows.activeFillingTheScreen();
		Display display = window.getShell().getDisplay();
		ArmBuild.Outputs build = ArmBuild.build(Files.createDirectories(folder.resolve("build")), false, 0);
		Path elf = folder.resolve("debug.elf");
		Files.copy(build.elf(), elf);
		Files.write(elf, new byte[20 << 20], StandardOpenOption.APPEND);
		byte[] reference = Files.readAllBytes(build.binary());
		Path flash = folder.resolve("flash.bin");
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "ui-elf", "runtime": {"vid": "0x0483", "pid": "0x57e2", "product": "ELF board", "serial": "UI-ELF",
					   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
					 "dfu": {"vid": "0x0483", "pid": "0xdfe3", "functional": {"attributes": "0x0b", "version": "0x011a"},
					   "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg,01*064Kg", "output": "%s"}]}}
					""".formatted(flash), LIMIT);
			try {
				ILaunchConfiguration configuration = FlashConfigurations.create("ELF board",
						new BoardSelector(BoardSelector.Kind.SERIAL, "UI-ELF"), "").doSave();
				String holds = "Holds 0x08000000-0x08000057 (88 bytes), 0x08010000-0x0801000F (16 bytes); entry point 0x08000011.";
				ScriptedDialogs script = new ScriptedDialogs(display)
						.then(() -> text(display, "firmware").map(field -> (Runnable) () -> field.setText(elf.toString())).orElse(null))
						.then(() -> ScriptedDialogs.findInDialogs(display, Label.class,
								label -> label.getText().startsWith(holds + " Checked against"))
								.flatMap(line -> launchButton(display).filter(Button::isEnabled)).map(run -> (Runnable) () -> {
									run.getShell().setSize(980, 780);
									saveScreenshot(display, "dfu-flash-elf-run");
									ScriptedDialogs.click(run);
								}).orElse(null));
				IProcess process = runFromTheDialog(window, configuration, script);
				byte[] memory = Files.readAllBytes(flash);
				assertArrayEquals(Arrays.copyOf(reference, 0x58), Arrays.copyOf(memory, 0x58));
				assertArrayEquals(Arrays.copyOfRange(reference, 0x1_0000, 0x1_0010), Arrays.copyOfRange(memory, 0x1_0000, 0x1_0010));
				String text = consoleText(window, process);
				assertTrue(text.contains("Segments: 0x08000000-0x08000057 (88 bytes), 0x08010000-0x0801000F (16 bytes); "
						+ "entry point 0x08000011. Written as a DfuSe file") && text.contains("104 bytes written"), text);
				screenshotOfTheConsole(window, "dfu-flash-elf-console");
				configuration.delete();
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/** Opens the Run Configurations dialog on the configuration, runs the script in it (which presses Run), awaits the launch. */
	private static IProcess runFromTheDialog(IWorkbenchWindow window, ILaunchConfiguration configuration, ScriptedDialogs script)
			throws Exception {
		Display display = window.getShell().getDisplay();
		script.start();
		DebugUITools.openLaunchConfigurationDialogOnGroup(window.getShell(), new StructuredSelection(configuration),
				IDebugUIConstants.ID_RUN_LAUNCH_GROUP);
		assertNull(script.failure(), () -> "the dialog script failed: " + script.failure());
		assertTrue(script.done(), () -> "the dialog closed at " + script.position());
		assertTrue(UiWait.until(display, LIMIT, () -> FlashLaunches.processOf(configuration.getName()).filter(IProcess::isTerminated).isPresent()),
				"the launch did not end");
		IProcess process = FlashLaunches.processOf(configuration.getName()).orElseThrow();
		assertEquals(0, process.getExitValue(), process.getStreamsProxy().getErrorStreamMonitor().getContents());
		return process;
	}

	/** The process's console shown in the Console view, once it holds the summary. */
	private static String consoleText(IWorkbenchWindow window, IProcess process) throws Exception {
		TextConsole console = ProcessConsoles.of(process).orElse(null);
		assertNotNull(console, "no console for the flash");
		window.getActivePage().showView(IConsoleConstants.ID_CONSOLE_VIEW);
		ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
		assertTrue(UiWait.until(window.getShell().getDisplay(), LIMIT, () -> console.getDocument().get().contains("After:")),
				() -> "the console shows no summary: " + console.getDocument().get());
		return console.getDocument().get();
	}

	/** A screenshot with the Console view maximized, then restored. */
	private static void screenshotOfTheConsole(IWorkbenchWindow window, String name) {
		IWorkbenchPage page = window.getActivePage();
		page.setPartState(page.findViewReference(IConsoleConstants.ID_CONSOLE_VIEW), IWorkbenchPage.STATE_MAXIMIZED);
		try {
			saveScreenshot(window.getShell().getDisplay(), name);
		} finally {
			page.setPartState(page.findViewReference(IConsoleConstants.ID_CONSOLE_VIEW), IWorkbenchPage.STATE_RESTORED);
		}
	}

	private static Optional<Button> button(Display display, String id) {
		return ScriptedDialogs.shell(display, RUN_CONFIGURATIONS).flatMap(shell -> ScriptedDialogs.find(shell, Button.class,
				b -> id.equals(b.getData(DfuFlashMainTab.WIDGET_ID)) && b.isVisible()));
	}

	private static Optional<Text> text(Display display, String id) {
		return ScriptedDialogs.shell(display, RUN_CONFIGURATIONS).flatMap(shell -> ScriptedDialogs.find(shell, Text.class,
				t -> id.equals(t.getData(DfuFlashMainTab.WIDGET_ID))));
	}

	private static Optional<Button> launchButton(Display display) {
		return ScriptedDialogs.shell(display, RUN_CONFIGURATIONS)
				.flatMap(shell -> ScriptedDialogs.find(shell, Button.class, b -> "Run".equals(b.getText().replace("&", ""))));
	}

	/**
	 * The dialog opened on one configuration (Flash Firmware...), at the size it takes in a new workspace: every
	 * control of the tab, the last ones ("After the download") too, is on the screen or can be scrolled to.
	 */
	@Test
	void everyControlOfTheTabCanBeReachedAtTheDialogsFirstSize() throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Display display = window.getShell().getDisplay();
		ILaunchConfiguration configuration = FlashConfigurations.create("first size",
				new BoardSelector(BoardSelector.Kind.SERIAL, "FIRST-SIZE"), "").doSave();
		StringBuilder seen = new StringBuilder();
		try {
			ScriptedDialogs script = new ScriptedDialogs(display).then(() -> ScriptedDialogs.shell(display, "Edit Configuration")
					.flatMap(dialog -> ScriptedDialogs.find(dialog, Button.class, b -> "verify".equals(b.getData(DfuFlashMainTab.WIDGET_ID))))
					.map(verify -> (Runnable) () -> {
						UiWait.settle(display, Duration.ofMillis(300));
						saveScreenshot(display, "dfu-flash-dialog-first-size");
						seen.append(reachability(verify));
						ScriptedDialogs.click(ScriptedDialogs.find(verify.getShell(), Button.class,
								b -> "Close".equals(b.getText().replace("&", ""))).orElseThrow());
					}).orElse(null));
			script.start();
			DebugUITools.openLaunchConfigurationDialog(window.getShell(), configuration, IDebugUIConstants.ID_RUN_LAUNCH_GROUP, null);
			assertNull(script.failure(), () -> "the dialog script failed: " + script.failure());
			assertTrue(script.done(), () -> "the dialog closed at " + script.position());
			// Scroll bars are no help here: GTK shows them only while the pointer is over them.
			assertTrue(seen.toString().startsWith("reachable on the screen"), seen::toString);
		} finally {
			configuration.delete();
		}
	}

	/**
	 * Whether the control is on the screen, inside every ancestor's visible area, or inside the content of a
	 * scrolled composite whose scroll bar shows; with the sizes, for the message.
	 */
	private static String reachability(Control control) {
		Rectangle bounds = control.getDisplay().map(control.getParent(), null, control.getBounds());
		StringBuilder path = new StringBuilder();
		for (Composite ancestor = control.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
			Rectangle area = ancestor.getDisplay().map(ancestor, null, ancestor.getClientArea());
			path.append(ancestor.getClass().getSimpleName()).append(' ').append(area).append("; ");
			if (area.contains(bounds.x, bounds.y + bounds.height - 1)) {
				if (ancestor instanceof Shell) {
					break;
				}
				continue;
			}
			if (ancestor instanceof ScrolledComposite scrolled && scrolled.getVerticalBar() != null
					&& scrolled.getVerticalBar().isVisible() && scrolled.getVerticalBar().getSize().y > 0) {
				return "reachable by scrolling: " + bounds + " in " + path;
			}
			return "cut off at " + bounds + " by " + path;
		}
		return "reachable on the screen: " + path;
	}

	private static void saveScreenshot(Display display, String name) {
		UiWait.settle(display, Duration.ofMillis(200));
		Screenshots.saveNotBlank(display, name);
	}
}
