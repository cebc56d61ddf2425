package org.dfutools.eclipse.ui.launch;

import static org.dfutools.eclipse.ui.launch.ScriptedDialogs.dfuFlashRunButton;
import static org.dfutools.eclipse.ui.launch.ScriptedDialogs.dfuFlashText;
import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.row;
import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.rowWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.launch.FlashLaunchConfiguration;
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
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three boards selected in the DFU Devices view, Flash Firmware...: one configuration names the three, the tab
 * lists them, Run flashes them at once (their rows show it at the same time), one process per board.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
class FlashSeveralBoardsInViewTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final String FLASH_FIRMWARE = "org.dfutools.eclipse.ui.commands.flashFirmware";
	private static final List<String> SERIALS = List.of("TRIO-1", "TRIO-2", "TRIO-3");

	@TempDir
	Path folder;

	@Test
	void threeBoardsSelectedInTheViewAreFlashedAtOnce() throws Exception {
		IWorkbenchWindow window = WorkbenchWindows.activeFillingTheScreen();
		Display display = window.getShell().getDisplay();
		IWorkbenchPage page = window.getActivePage();
		byte[] image = Firmware.image(64 * 1024, 33);
		Path file = Files.write(folder.resolve("trio.bin"), image);
		List<String> ports = new ArrayList<>();
		List<Path> memories = new ArrayList<>();
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			try {
				for (String serial : SERIALS) {
					Path memory = folder.resolve(serial + ".bin");
					memories.add(memory);
					ports.add(bench.attachAndAwait("""
							{"name": "trio", "runtime": {"pid": "0x00fa", "serial": "%s", "product": "Trio board"},
							 "dfu": {"pid": "0x00fb", "alts": [{"name": "Flash", "output": "%s"}]},
							 "behaviour": {"reenumerate_delay_ms": 300}}
							""".formatted(serial, memory), LIMIT));
				}
				DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
				assertTrue(UiWait.until(display, LIMIT, () -> SERIALS.stream().allMatch(serial -> rowWith(window, serial).isPresent())),
						"no rows for the three boards");
				List<Board> boards = SERIALS.stream().map(serial -> (Board) rowWith(window, serial).get().getData()).toList();
				page.activate(view);
				view.getSite().getSelectionProvider().setSelection(new StructuredSelection(boards));

				ScriptedDialogs script = new ScriptedDialogs(display)
						.then(() -> dfuFlashText(display, "boardValue").filter(t -> t.getText().equals("TRIO-1, TRIO-2, TRIO-3"))
								.map(t -> (Runnable) () -> dfuFlashText(display, "firmware").orElseThrow().setText(file.toString())).orElse(null))
						.then(() -> ScriptedDialogs.findInDialogs(display, Label.class, l -> l.getText().startsWith("3 of 3 boards attached now"))
								.flatMap(line -> dfuFlashRunButton(display).filter(Button::isEnabled)).map(run -> (Runnable) () -> {
									run.getShell().setSize(980, 780);
									UiWait.settle(display, Duration.ofMillis(200));
									Screenshots.saveNotBlank(display, "dfu-flash-several-boards");
									ScriptedDialogs.click(run);
								}).orElse(null));
				script.start();
				PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(FLASH_FIRMWARE, null);
				assertNull(script.failure(), () -> "the dialog script failed: " + script.failure());
				assertTrue(script.done(), () -> "the dialog closed at " + script.position());

				// The rows while the boards are flashed: more than one shows its flash at the same moment.
				int mostAtOnce = 0;
				long deadline = System.nanoTime() + LIMIT.toNanos();
				while (System.nanoTime() < deadline && !launch().map(l -> l.getProcesses().length == 4
						&& Arrays.stream(l.getProcesses()).allMatch(IProcess::isTerminated)).orElse(false)) {
					long busy = boards.stream().map(board -> row(window, board.id()).map(item -> item.getText(2)).orElse(""))
							.filter(mode -> mode.startsWith("Flash") || mode.startsWith("Re-enumerating")).count();
					if (busy > mostAtOnce) {
						mostAtOnce = (int) busy;
						if (busy == boards.size()) {
							Screenshots.saveNotBlank(display, "dfu-devices-several-flashing");
						}
					}
					UiWait.settle(display, Duration.ofMillis(20));
				}
				ILaunch launch = launch().orElseThrow(() -> new AssertionError("no launch of the three boards"));
				assertEquals(4, launch.getProcesses().length, "a summary and one process per board");
				for (IProcess process : launch.getProcesses()) {
					assertTrue(process.isTerminated(), process.getLabel());
					assertEquals(0, process.getExitValue(), process.getLabel());
				}
				assertTrue(mostAtOnce >= 2, "the rows never showed two flashes at once: at most " + mostAtOnce);
				for (Path memory : memories) {
					assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(memory), image.length), memory.toString());
				}
				launch.getLaunchConfiguration().delete();
			} finally {
				for (String port : ports) {
					bench.events.detachAndAwaitRemoval(port, LIMIT);
				}
			}
		}
	}

	private static Optional<ILaunch> launch() {
		return Arrays.stream(DebugPlugin.getDefault().getLaunchManager().getLaunches()).filter(launch -> {
			try {
				return launch.getLaunchConfiguration() != null
						&& "TRIO-1, TRIO-2, TRIO-3".equals(launch.getLaunchConfiguration().getAttribute(FlashLaunchConfiguration.BOARD_VALUE, ""));
			} catch (org.eclipse.core.runtime.CoreException e) {
				throw new AssertionError(e);
			}
		}).findFirst();
	}
}
