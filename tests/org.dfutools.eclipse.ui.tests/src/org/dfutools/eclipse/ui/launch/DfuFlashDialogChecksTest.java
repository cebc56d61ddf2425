package org.dfutools.eclipse.ui.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.launch.FlashLaunchConfiguration;
import org.dfutools.eclipse.testsupport.ArmBuild;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DFU Flash tab in the real launch dialog refuses what the launch would refuse, with the boards it is
 * about attached: a DfuSe board (its run-time descriptor says so) without an address, an address on a plain
 * DFU board, an alt setting the bootloader does not have, a file that is no firmware, a DFU suffix for
 * another device, a serial number two boards share. It follows hotplug, preselects the configured board in
 * Select..., and turns the serial into the port when "Identify by" is switched.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
class DfuFlashDialogChecksTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final String DIALOG = "Edit Configuration";

	@TempDir
	Path folder;

	@Test
	void theTabRefusesWhatTheLaunchWouldRefuse() throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Display display = window.getShell().getDisplay();
		Path good = Files.write(folder.resolve("app.bin"), Firmware.image(4096, 90));
		Path project = Files.writeString(folder.resolve(".project"), "<?xml version=\"1.0\"?><projectDescription/>");
		Path otherDevice = Files.write(folder.resolve("other.dfu"), Firmware.withSuffix(Firmware.image(4096, 91), 0x1209, 0xdead));
		List<String> ports = new ArrayList<>();
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			ports.add(bench.attachAndAwait("""
					{"name": "chk-dfuse", "runtime": {"vid": "0x0483", "pid": "0x5760", "serial": "CHK-DFUSE",
					  "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
					 "dfu": {"vid": "0x0483", "pid": "0xdf11", "functional": {"attributes": "0x0b", "version": "0x011a"},
					         "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg"}]}}
					""", LIMIT));
			ports.add(bench.attachAndAwait("""
					{"name": "chk-plain", "start_mode": "dfu", "runtime": {"pid": "0x00e0", "serial": "CHK-PLAIN"},
					 "dfu": {"pid": "0x00e1", "functional": {"attributes": "0x07"}, "alts": [{"name": "Flash"}, {"name": "Data"}]}}
					""", LIMIT));
			for (int twin = 0; twin < 2; twin++) {
				ports.add(bench.attachAndAwait("""
						{"name": "chk-twin", "runtime": {"pid": "0x00e2", "serial": "CHK-TWIN"}, "dfu": {"pid": "0x00e3"}}
						""", LIMIT));
			}
			String plainPort = ports.get(1);
			String late = """
					{"name": "chk-late", "runtime": {"pid": "0x00e4", "serial": "CHK-LATE", "product": "Late board"},
					 "dfu": {"pid": "0x00e5"}}
					""";
			ILaunchConfiguration configuration = FlashConfigurations
					.create("checks", new BoardSelector(BoardSelector.Kind.SERIAL, "CHK-LATE"), good.toString()).doSave();
			String[] latePort = new String[1];
			ScriptedDialogs script = new ScriptedDialogs(display)
					// The attached-board line follows hotplug.
					.then(expectLine(display, "Not attached now", () -> latePort[0] = attach(late)))
					.then(expectLine(display, "Attached now: Late board", () -> set(display, "boardValue", "CHK-DFUSE")))
					// The run-time descriptor says DfuSe: the address is needed before the board is touched.
					.then(expect(display, "is a DfuSe device: give the DfuSe address", false,
							() -> set(display, "dfuseAddress", "0x08000000")))
					.then(expect(display, null, true, () -> set(display, "boardValue", "CHK-PLAIN")))
					// A plain DFU bootloader: no address.
					.then(expect(display, "is not a DfuSe device in DFU mode: remove the DfuSe address", false,
							() -> set(display, "dfuseAddress", "")))
					.then(expect(display, null, true, () -> setAlt(display, "7")))
					.then(expect(display, "has no alt setting \"7\" in DFU mode; it has 0 (Flash), 1 (Data)", false,
							() -> setAlt(display, "1 (Data)")))
					.then(expect(display, null, true, () -> setAlt(display, "Data")))
					.then(expect(display, null, true, () -> set(display, "firmware", project.toString())))
					.then(expect(display, ".project is not a firmware file DFU Flash writes", false,
							() -> set(display, "firmware", otherDevice.toString())))
					.then(expect(display, "is for the DFU device 1209:dead", false, () -> set(display, "firmware", good.toString())))
					.then(expect(display, null, true, () -> set(display, "boardValue", "CHK-TWIN")))
					.then(expect(display, "2 attached boards have serial number \"CHK-TWIN\" (on ports " + ports.get(2) + ", "
							+ ports.get(3) + "): identify the board by its USB port", false,
							() -> set(display, "boardValue", "CHK-PLAIN")))
					// Switched to "USB port", the field holds the board's port, not its serial.
					.then(expect(display, null, true, () -> selectKind(display, 1)))
					.then(() -> text(display, "boardValue").filter(t -> t.getText().equals(plainPort))
							.map(t -> (Runnable) () -> click(display, "selectBoard")).orElse(null))
					// Select... opens with the configured board selected.
					.then(() -> selectedInSelectDialog(display).filter(serial -> serial.equals("CHK-PLAIN"))
							.map(serial -> (Runnable) () -> {
								saveScreenshot(display, "dfu-flash-select-preselected");
								ScriptedDialogs.shell(display, "Select a Board").orElseThrow().close();
							}).orElse(null))
					// One action: steps run again while an action lets the event loop run (a screenshot settling).
					.then(() -> ScriptedDialogs.shell(display, "Select a Board").isEmpty()
							? () -> {
								saveScreenshot(display, "dfu-flash-dialog-checks");
								clickButton(display, "Apply"); // saved, so that Close asks nothing
								clickButton(display, "Close");
							}
							: null);
			runInTheDialog(window, configuration, script);
			configuration.delete();
			if (latePort[0] != null) {
				ports.add(latePort[0]);
			}
		} finally {
			try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
				for (String port : ports) {
					bench.events.detachAndAwaitRemoval(port, LIMIT);
				}
			}
		}
	}

	/**
	 * A bootloader this user may not open, so that its alt settings' names could not be read (one has no
	 * iInterface string at all): the tab offers them by number. (It once threw a NullPointerException on the
	 * UI thread for each such alt.)
	 */
	@Test
	void altSettingsWithoutANameAreOfferedByTheirNumber() throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Display display = window.getShell().getDisplay();
		Path good = Files.write(folder.resolve("app.bin"), Firmware.image(4096, 92));
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "chk-unnamed", "start_mode": "dfu", "runtime": {"pid": "0x00e8", "serial": "CHK-UNNAMED"},
					 "dfu": {"pid": "0x00e9", "alts": [{"name": "Flash"}, {"name": ""}]}, "behaviour": {"open_error": "EACCES"}}
					""", LIMIT);
			try {
				ILaunchConfiguration configuration = FlashConfigurations
						.create("unnamed alts", new BoardSelector(BoardSelector.Kind.SERIAL, "CHK-UNNAMED"), good.toString()).doSave();
				List<List<String>> offered = new ArrayList<>();
				ScriptedDialogs script = new ScriptedDialogs(display)
						.then(() -> altCombo(display).map(combo -> List.of(combo.getItems())).filter(items -> {
							offered.add(items);
							return items.equals(List.of("0", "1"));
						}).map(items -> (Runnable) () -> setAlt(display, "1")).orElse(null))
						.then(expect(display, null, true, () -> {
							clickButton(display, "Apply");
							clickButton(display, "Close");
						}));
				script.start();
				DebugUITools.openLaunchConfigurationDialog(window.getShell(), configuration, IDebugUIConstants.ID_RUN_LAUNCH_GROUP,
						null);
				assertNull(script.failure(), () -> "the dialog script failed at " + script.position() + "; alts offered: "
						+ offered.subList(Math.max(0, offered.size() - 1), offered.size()) + ": " + script.failure());
				assertTrue(script.done(), () -> "the dialog closed at " + script.position());
				assertEquals("1", configuration.getAttribute(FlashLaunchConfiguration.ALT, ""));
				configuration.delete();
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/**
	 * An ELF built in the test run, chosen in the tab: the line under the file shows its segments and entry point,
	 * and its check against the board's memory layout; a board whose layout cannot hold it is an error before Run.
	 */
	@Test
	void anElfShowsItsSegmentsAndIsCheckedAgainstTheBoardsLayout() throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		Display display = window.getShell().getDisplay();
		ArmBuild.Outputs build = ArmBuild.build(folder, false, 0);
		String holds = "Holds 0x08000000-0x08000057 (88 bytes), 0x08010000-0x0801000F (16 bytes); entry point 0x08000011.";
		List<String> ports = new ArrayList<>();
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			ports.add(bench.attachAndAwait("""
					{"name": "elf-f4", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x57d0", "serial": "ELF-F4"},
					 "dfu": {"vid": "0x0483", "pid": "0xdfd0", "functional": {"attributes": "0x0b", "version": "0x011a"},
					         "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg"}]}}
					""", LIMIT));
			ports.add(bench.attachAndAwait("""
					{"name": "elf-small", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x57d1", "serial": "ELF-SMALL"},
					 "dfu": {"vid": "0x0483", "pid": "0xdfd1", "functional": {"attributes": "0x0b", "version": "0x011a"},
					         "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg"}]}}
					""", LIMIT));
			ports.add(bench.attachAndAwait("""
					{"name": "elf-plain", "start_mode": "dfu", "runtime": {"pid": "0x00d8", "serial": "ELF-PLAIN"},
					 "dfu": {"pid": "0x00d9", "alts": [{"name": "Flash"}]}}
					""", LIMIT));
			ILaunchConfiguration configuration = FlashConfigurations
					.create("elf", new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-F4"), build.elf().toString()).doSave();
			ScriptedDialogs script = new ScriptedDialogs(display)
					.then(expectLine(display, holds + " Checked against", () -> set(display, "boardValue", "ELF-SMALL")))
					.then(expect(display, "app.elf writes 0x08010000-0x0801000F (16 bytes), but 0x08010000 is not in a writable sector",
							false, () -> saveScreenshot(display, "dfu-flash-elf-refused")))
					.then(expectLine(display, holds, () -> set(display, "boardValue", "ELF-PLAIN")))
					.then(expectLine(display, holds + " Written to Simulated DFU device as one image from 0x08000000 (65552 bytes",
							() -> set(display, "boardValue", "ELF-F4")))
					.then(expect(display, null, true, () -> {
						saveScreenshot(display, "dfu-flash-elf");
						clickButton(display, "Close"); // back to the saved values: nothing to apply
					}));
			runInTheDialog(window, configuration, script);
			configuration.delete();
		} finally {
			for (String port : ports) {
				UsbBench.detach(port);
			}
		}
	}

	/**
	 * A configuration made for a board seen only in DFU mode (the STM32 ROM bootloader) does not wait for an
	 * application it has never seen; one made for a run-time board does.
	 */
	@Test
	void aNewConfigurationWaitsForTheApplicationOnlyWhenTheBoardHasShownOne() throws Exception {
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String rom = bench.attachAndAwait("""
					{"name": "rom", "runtime": null, "dfu": {"vid": "0x0483", "pid": "0xdf11", "serial": "FFFFFFFEFFFF",
					  "functional": {"attributes": "0x0b", "version": "0x011a"}, "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg"}]}}
					""", LIMIT);
			String application = bench.attachAndAwait("""
					{"name": "app", "runtime": {"pid": "0x00e8", "serial": "APP-E8"}, "dfu": {"pid": "0x00e9"}}
					""", LIMIT);
			try {
				for (String port : List.of(rom, application)) {
					Board listed = bench.boardAt(port);
					// The ROM board as seen only in DFU mode: the registry may have paired its port with a board
					// of an earlier test that left it.
					Board board = port.equals(rom) ? new Board(listed.id(), listed.device(), Optional.empty(),
							Optional.of(listed.device()), false) : listed;
					ILaunchConfiguration made = FlashConfigurations.createFor(FlashConfigurations.nameFor(board), board,
							bench.registry.boards(), "");
					assertEquals(port.equals(application), FlashLaunchConfiguration.read(made).waitForApplication(), port);
				}
			} finally {
				bench.events.detachAndAwaitRemoval(rom, LIMIT);
				bench.events.detachAndAwaitRemoval(application, LIMIT);
			}
		}
	}

	@Test
	void flashFirmwareReusesTheBoardsConfigurationAndNamesItAfterTheApplication() throws Exception {
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "reuse", "runtime": {"pid": "0x00e6", "serial": "REUSE-1", "product": "UNO R4 Minima"},
					 "dfu": {"pid": "0x00e7", "product": "  DFU   Bootloader ", "serial": "REUSE-1"},
					 "behaviour": {"reenumerate_delay_ms": 100}}
					""", LIMIT);
			try {
				Board runtime = bench.boardAt(port);
				new org.dfutools.eclipse.testsupport.HeldReboot(bench.service, Duration.ofSeconds(5))
						.run(runtime, new org.eclipse.core.runtime.NullProgressMonitor());
				Board inDfuMode = bench.boardAt(port);
				assertEquals("UNO R4 Minima", FlashConfigurations.nameFor(inDfuMode), "named after its bootloader");
				assertTrue(FlashConfigurations.forBoard(inDfuMode, List.of(inDfuMode)).isEmpty());
				ILaunchConfiguration made = FlashConfigurations.create(FlashConfigurations.nameFor(inDfuMode),
						BoardSelector.of(inDfuMode, bench.registry.boards()), "").doSave();
				try {
					assertEquals(Optional.of(made), FlashConfigurations.forBoard(inDfuMode, List.of(inDfuMode)));
					assertEquals(Optional.of(made), FlashConfigurations.forBoard(runtime, List.of(runtime)), "not found for the board in the other mode");
				} finally {
					made.delete();
				}
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/** Opens the launch dialog on the configuration, runs the script in it, and checks that the script ran to its end. */
	private static void runInTheDialog(IWorkbenchWindow window, ILaunchConfiguration configuration, ScriptedDialogs script) {
		script.start();
		DebugUITools.openLaunchConfigurationDialog(window.getShell(), configuration, IDebugUIConstants.ID_RUN_LAUNCH_GROUP, null);
		assertNull(script.failure(), () -> "the dialog script failed at " + script.position() + ": " + script.failure());
		assertTrue(script.done(), () -> "the dialog closed at " + script.position());
	}

	private static String attach(String spec) {
		try {
			return UsbBench.attach(spec);
		} catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
	}

	/** A step: once the dialog's message contains {@code phrase} (no error when null) and Run is as expected, then. */
	private static Supplier<Runnable> expect(Display display, String phrase, boolean runEnabled, Runnable then) {
		return () -> {
			Optional<Shell> dialog = ScriptedDialogs.shell(display, DIALOG);
			if (dialog.isEmpty()) {
				return null;
			}
			Optional<Button> run = ScriptedDialogs.find(dialog.get(), Button.class, b -> "Run".equals(b.getText().replace("&", "")));
			boolean messageShown = phrase == null ? messages(dialog.get()).stream().noneMatch(m -> m.contains("attached boards")
					|| m.contains("is not") || m.contains("has no") || m.contains("is a DfuSe") || m.contains("is for the"))
					: messages(dialog.get()).stream().anyMatch(m -> m.contains(phrase));
			return messageShown && run.isPresent() && run.get().isEnabled() == runEnabled ? then : null;
		};
	}

	/** A step: once the tab's attached-board line starts with {@code start}, then. */
	private static Supplier<Runnable> expectLine(Display display, String start, Runnable then) {
		return () -> ScriptedDialogs.shell(display, DIALOG)
				.flatMap(dialog -> ScriptedDialogs.find(dialog, Label.class, l -> l.getText().startsWith(start)))
				.map(label -> then).orElse(null);
	}

	private static List<String> messages(Shell dialog) {
		List<String> texts = new ArrayList<>();
		ScriptedDialogs.find(dialog, Text.class, t -> {
			if ((t.getStyle() & SWT.READ_ONLY) != 0) {
				texts.add(t.getText());
			}
			return false;
		});
		return texts;
	}

	private static Optional<Text> text(Display display, String id) {
		return ScriptedDialogs.shell(display, DIALOG).flatMap(shell -> ScriptedDialogs.find(shell, Text.class,
				t -> id.equals(t.getData(DfuFlashMainTab.WIDGET_ID))));
	}

	private static void set(Display display, String id, String value) {
		text(display, id).orElseThrow(() -> new AssertionError("no field " + id)).setText(value);
	}

	private static void setAlt(Display display, String value) {
		altCombo(display).orElseThrow().setText(value);
	}

	private static Optional<Combo> altCombo(Display display) {
		return ScriptedDialogs.shell(display, DIALOG).flatMap(shell -> ScriptedDialogs.find(shell, Combo.class,
				c -> "alt".equals(c.getData(DfuFlashMainTab.WIDGET_ID))));
	}

	private static void selectKind(Display display, int index) {
		Combo kind = ScriptedDialogs.shell(display, DIALOG).flatMap(shell -> ScriptedDialogs.find(shell, Combo.class,
				c -> (c.getStyle() & SWT.READ_ONLY) != 0 && c.getItemCount() == 4)).orElseThrow();
		kind.select(index);
		kind.notifyListeners(SWT.Selection, new Event());
		kind.notifyListeners(SWT.Modify, new Event());
	}

	private static void click(Display display, String id) {
		ScriptedDialogs.click(ScriptedDialogs.shell(display, DIALOG).flatMap(shell -> ScriptedDialogs.find(shell, Button.class,
				b -> id.equals(b.getData(DfuFlashMainTab.WIDGET_ID)))).orElseThrow());
	}

	private static void clickButton(Display display, String label) {
		ScriptedDialogs.click(ScriptedDialogs.shell(display, DIALOG).flatMap(shell -> ScriptedDialogs.find(shell, Button.class,
				b -> label.equals(b.getText().replace("&", "")) && b.isEnabled())).orElseThrow(() -> new AssertionError("no " + label)));
	}

	/** The serial of the board selected in the open Select dialog. */
	private static Optional<String> selectedInSelectDialog(Display display) {
		return ScriptedDialogs.shell(display, "Select a Board").flatMap(dialog -> ScriptedDialogs.find(dialog, Table.class, t -> true))
				.filter(table -> table.getSelectionCount() == 1).map(table -> table.getSelection()[0].getText(3));
	}

	private static void saveScreenshot(Display display, String name) {
		try {
			UiWait.settle(display, Duration.ofMillis(200));
			Screenshots.save(display, name);
		} catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
	}
}
