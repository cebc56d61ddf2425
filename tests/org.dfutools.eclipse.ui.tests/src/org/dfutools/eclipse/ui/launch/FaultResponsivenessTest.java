package org.dfutools.eclipse.ui.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.dfutools.eclipse.core.DfuCore;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.FakeDfuUtil;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.UiStallMeter;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDE stays responsive while a flash meets a fault: launched as the Run menu launches it, with a dfu-util
 * that hangs and ignores SIGTERM, then terminated from its process as the Debug view's Terminate does. The UI
 * thread's longest gap between two ticks of a 1 ms timer is measured from the launch until dfu-util runs, and
 * from Terminate until the launch has ended; in between, the workbench shows the process console for the first
 * time in this test JVM (SVG icons rasterized, a view stack rendered: about 200 ms, none of it this plugin's).
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
class FaultResponsivenessTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	/** A UI thread that misses its timer by more than this feels stuck; the view's own stalls are about 15 ms. */
	private static final long LONGEST_GAP_MS = 250;

	@TempDir
	Path folder;

	@Test
	void aHangingDfuUtilTerminatedFromTheDebugViewNeverStallsTheUiThread() throws Exception {
		Display display = PlatformUI.getWorkbench().getDisplay();
		IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID);
		Path tool = FakeDfuUtil.write(folder, "echo 'Opening DFU capable USB device...'; trap '' TERM; exec sleep 600");
		preferences.put(DfuPreferences.DFU_UTIL_PATH, tool.toString());
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "responsive", "runtime": {"pid": "0x0260", "serial": "UI-HANG"}, "dfu": {"pid": "0x0261"}}
					""", LIMIT);
			String boardId = bench.boardAt(port).id();
			try {
				Path file = Files.write(folder.resolve("fw.bin"), Firmware.image(4096, 260));
				var configuration = FlashLaunches.configuration("responsive", FlashConfigurationBuilder.of(
						new BoardSelector(BoardSelector.Kind.SERIAL, "UI-HANG"), file).applicationTimeoutSeconds("5").build());
				ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
				UiStallMeter stalls = UiStallMeter.start(display);
				// As the Run menu does it: the launch runs in a job, never on the UI thread.
				DebugUITools.launch(configuration, ILaunchManager.RUN_MODE);
				assertTrue(UiWait.until(display, LIMIT, () -> DfuCore.deviceService().busyBoards().status(boardId).filter("Flashing..."::equals)
						.isPresent()), "the flash never reached dfu-util");
				// Debug UI may remove older terminated launches as this one starts: find it by its configuration.
				ILaunch launch = Arrays.stream(manager.getLaunches())
						.filter(l -> l.getLaunchConfiguration().getName().equals(configuration.getName())).findFirst()
						.orElseThrow(() -> new AssertionError("the launch is not listed"));
				assertTrue(UiWait.until(display, LIMIT, () -> launch.getProcesses().length > 0), "no process");
				IProcess process = launch.getProcesses()[0];
				long untilDfuUtil = stalls.longest().toMillis();
				UiWait.settle(display, Duration.ofMillis(300));
				stalls.reset();
				process.terminate(); // the Debug view's Terminate
				assertTrue(UiWait.until(display, LIMIT, launch::isTerminated), "the launch did not end");
				// Terminate may return only once the launch has ended: let the timer tick again, so that a stall
				// inside Terminate itself is measured too.
				UiWait.settle(display, Duration.ofMillis(100));
				long untilEnd = stalls.stop().toMillis();
				assertEquals(130, process.getExitValue(), "terminated, not failed");
				assertTrue(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
						.noneMatch(p -> Arrays.toString(p.info().arguments().orElse(new String[0])).contains("600")),
						"the hanging dfu-util is still running");
				assertTrue(untilDfuUtil < LONGEST_GAP_MS, "the UI thread stalled for " + untilDfuUtil + " ms before dfu-util ran");
				assertTrue(untilEnd < LONGEST_GAP_MS, "the UI thread stalled for " + untilEnd + " ms in Terminate");
				System.out.println("FaultResponsivenessTest: longest UI-thread gap " + untilDfuUtil + " ms until dfu-util ran, "
						+ untilEnd + " ms from Terminate to the end");
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		} finally {
			preferences.remove(DfuPreferences.DFU_UTIL_PATH);
		}
	}
}
