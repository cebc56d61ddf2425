package org.dfutools.eclipse.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.ui.tests.Screenshots;
import org.dfutools.eclipse.ui.tests.UiWait;
import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DFU Devices view in the real workbench. */
class DfuDevicesViewTest {

	private static final Pattern FINAL_STATE = Pattern.compile(
			"No device with a DFU interface is attached|\\d+ USB device\\(s\\) with a DFU interface attached|USB access failed: .+");

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
		window.getShell().setBounds(window.getShell().getDisplay().getPrimaryMonitor().getBounds());
		page = window.getActivePage();
		Platform.addLogListener(errorCollector);
	}

	@AfterEach
	void stopCollecting() {
		Platform.removeLogListener(errorCollector);
	}

	@Test
	void viewShowsWhatItFoundOnTheBus() throws Exception {
		DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
		assertTrue(UiWait.until(display, Duration.ofSeconds(20), view::isProbeShown),
				"the view still says: " + view.emptyStateTitle());
		String title = view.emptyStateTitle();
		assertTrue(FINAL_STATE.matcher(title).matches(), title);
		if (System.getenv("USBSIM_CONTROL") != null) {
			// Under the simulated bench one DFU run-time device is attached by default.
			assertTrue(title.matches("[1-9]\\d* USB device\\(s\\) with a DFU interface attached"), title);
		}
		assertTrue(view.emptyStateHint().length() > 20, "no explanation under the headline");
		UiWait.settle(display, Duration.ofMillis(500));
		Path shot = Screenshots.save(display, "dfu-devices-view");
		assertTrue(Files.size(shot) > 0);
		assertTrue(Screenshots.distinctColors(shot) > 16, "the screenshot looks blank");
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
	void closingTheViewBeforeTheProbeEndsIsHarmless() throws Exception {
		DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
		page.hideView(view);
		assertTrue(UiWait.until(display, Duration.ofSeconds(20),
				() -> Job.getJobManager().find(Activator.PLUGIN_ID).length == 0), "the probe job did not end");
		UiWait.settle(display, Duration.ofMillis(300));
		assertEquals(List.of(), errors);
	}
}
