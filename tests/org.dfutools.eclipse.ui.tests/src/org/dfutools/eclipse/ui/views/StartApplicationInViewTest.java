package org.dfutools.eclipse.ui.views;

import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.row;
import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.toolItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.dfutools.eclipse.ui.launch.ScriptedDialogs;
import org.dfutools.eclipse.ui.launch.WorkbenchWindows;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.action.StatusLineManager;
import org.eclipse.jface.action.SubStatusLineManager;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Start Application on the DFU Devices view's toolbar: a board in its bootloader goes back to its
 * application, its row turning into the run-time board in place; a bootloader without an application says
 * that it stayed.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
class StartApplicationInViewTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);

	private Display display;
	private IWorkbenchPage page;
	private final List<IStatus> results = new ArrayList<>();

	@BeforeEach
	void openWorkbenchWindow() {
		IWorkbenchWindow window = WorkbenchWindows.activeFillingTheScreen();
		display = window.getShell().getDisplay();
		page = window.getActivePage();
	}

	@Test
	void aBoardInItsBootloaderGoesBackToItsApplication() throws Exception {
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "back", "start_mode": "dfu", "runtime": {"pid": "0x00f0", "serial": "BACK-1", "product": "Back board"},
					 "dfu": {"pid": "0x00f1", "product": "Its bootloader", "functional": {"attributes": "0x07"}},
					 "behaviour": {"reenumerate_delay_ms": 300}}
					""", LIMIT);
			try {
				DfuDevicesView view = select(port, "BACK-1");
				ToolItem start = toolItem(view, "Start Application");
				assertTrue(UiWait.until(display, LIMIT, start::isEnabled), "Start Application is disabled for a DFU-mode board");
				List<String> modes = new ArrayList<>();
				IStatus result = runWatched(start, () -> row(view, port).ifPresent(item -> modes.add(item.getText(2))));
				assertTrue(result.isOK(), result.toString());
				assertTrue(UiWait.until(display, LIMIT, () -> row(view, port).map(i -> i.getText(2).equals("Run-time")).orElse(false)),
						"the row is not back in run-time mode: " + modes);
				assertEquals("Back board", row(view, port).get().getText(0));
				assertTrue(modes.stream().allMatch(mode -> !mode.isEmpty()), "the row vanished on the way: " + modes);
				Screenshots.save(display, "dfu-devices-start-application");
				assertTrue(UiWait.until(display, LIMIT, () -> !start.isEnabled()), "Start Application enabled on a run-time board");
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	@Test
	void aBootloaderWithoutApplicationSaysItStayed() throws Exception {
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "stays", "runtime": null, "dfu": {"pid": "0x00f2", "serial": "STAYS-1", "functional": {"attributes": "0x07"}}}
					""", LIMIT);
			try {
				DfuDevicesView view = select(port, "STAYS-1");
				ToolItem start = toolItem(view, "Start Application");
				assertTrue(UiWait.until(display, LIMIT, start::isEnabled), "Start Application is disabled for a DFU-mode board");
				IStatus result = runWatched(start, () -> { });
				assertEquals(IStatus.ERROR, result.getSeverity(), result.toString());
				assertTrue(result.getMessage().contains("stayed in DFU mode"), result.getMessage());
				UiWait.settle(display, Duration.ofMillis(500));
				Screenshots.save(display, "dfu-devices-start-application-stayed");
				closeProblemDialogs();
				assertEquals("DFU", row(view, port).orElseThrow().getText(2));
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}

	/**
	 * Two identical boards started at once: the status line names each by its application's name (not its
	 * bootloader's) and its port, so that the two results can be told apart.
	 */
	@Test
	void identicalBoardsAreNamedByTheirPortsInTheStatusLine() throws Exception {
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			List<String> ports = new ArrayList<>();
			for (int index = 0; index < 2; index++) {
				ports.add(bench.attachAndAwait("""
						{"name": "twin", "start_mode": "dfu", "runtime": {"pid": "0x00f4", "serial": "TWIN", "product": "Twin board"},
						 "dfu": {"pid": "0x00f5", "serial": "TWIN", "product": "Twin bootloader", "functional": {"attributes": "0x07"}}}
						""", LIMIT));
			}
			try {
				DfuDevicesView view = select(ports.get(0), "TWIN");
				view.viewer().setSelection(new StructuredSelection(List.of(row(view, ports.get(0)).get().getData(),
						row(view, ports.get(1)).get().getData())), true);
				ToolItem start = toolItem(view, "Start Application");
				assertTrue(UiWait.until(display, LIMIT, start::isEnabled), "Start Application is disabled for DFU-mode boards");
				runWatched(start, () -> { }, 2);
				assertTrue(UiWait.until(display, LIMIT, () -> statusLine(view).split("; ").length == 2),
						() -> "not two results: " + statusLine(view));
				String line = statusLine(view);
				for (String port : ports) {
					assertTrue(line.contains("Twin board (" + port + ") is back in run-time mode after"), line);
				}
				assertTrue(!line.contains("bootloader"), line);
			} finally {
				for (String port : ports) {
					bench.events.detachAndAwaitRemoval(port, LIMIT);
				}
			}
		}
	}

	/** The message the view's status line shows now (the window's status line, where the view's results go). */
	private static String statusLine(DfuDevicesView view) {
		SubStatusLineManager sub = (SubStatusLineManager) view.getViewSite().getActionBars().getStatusLineManager();
		Control control = ((StatusLineManager) sub.getParent()).getControl();
		return Arrays.stream(((Composite) control).getChildren()).filter(CLabel.class::isInstance).map(CLabel.class::cast)
				.map(label -> label.getText() == null ? "" : label.getText()).findFirst().orElse("");
	}

	private DfuDevicesView select(String port, String serial) throws Exception {
		DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
		assertTrue(UiWait.until(display, LIMIT, () -> row(view, port)
				.filter(item -> ((Board) item.getData()).device().serial().equals(serial)).isPresent()), "no row for " + port);
		page.activate(view);
		view.viewer().setSelection(new StructuredSelection(row(view, port).get().getData()), true);
		return view;
	}

	/** Presses the button and samples while the job it starts runs; the job's result. */
	private IStatus runWatched(ToolItem button, Runnable sample) {
		return runWatched(button, sample, 1);
	}

	/** Presses the button and samples while the {@code jobs} jobs it starts run; the first job's result. */
	private IStatus runWatched(ToolItem button, Runnable sample, int jobs) {
		JobChangeAdapter listener = new JobChangeAdapter() {
			@Override
			public void done(IJobChangeEvent event) {
				if (event.getJob().getClass().getSimpleName().equals("StartApplicationJob")) {
					synchronized (results) {
						results.add(event.getResult());
					}
				}
			}
		};
		Job.getJobManager().addJobChangeListener(listener);
		try {
			button.notifyListeners(SWT.Selection, new Event());
			assertTrue(UiWait.until(display, LIMIT, () -> {
				sample.run();
				synchronized (results) {
					return results.size() >= jobs;
				}
			}), "the jobs did not end");
			synchronized (results) {
				return results.get(0);
			}
		} finally {
			Job.getJobManager().removeJobChangeListener(listener);
		}
	}

	/** The platform shows a failed user job in a dialog; it is closed here so that later tests see a clean workbench. */
	private void closeProblemDialogs() {
		ScriptedDialogs.dialogs(display).forEach(Shell::close);
	}
}
