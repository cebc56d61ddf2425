package org.dfutools.eclipse.ui.views;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.testsupport.BenchmarkResults;
import org.dfutools.eclipse.testsupport.UiStallMeter;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How fast the DFU Devices view follows the bus, in the real workbench on the simulated bench. Each
 * figure is the median of several runs after warm-up runs. Times start when the bench has plugged the
 * board in (its "attach" answered, the kernel's "add" event sent) and end when the row is in the table.
 */
class DfuDevicesViewBenchmark {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final int WARMUP = 2;
	private static final int RUNS = 15;
	private static final BenchmarkResults RESULTS = new BenchmarkResults();

	private static Display display;
	private static IWorkbenchPage page;
	private static DfuDevicesView view;

	@BeforeAll
	static void openView() throws Exception {
		assertTrue(UsbBench.isPresent(), "run the benchmarks inside testbench/usbsim (./run-benchmarks does)");
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		display = page.getWorkbenchWindow().getShell().getDisplay();
		view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
		assertTrue(UiWait.until(display, LIMIT, () -> ports().contains("1-1")), "the bench board never showed");
	}

	@AfterAll
	static void report() throws IOException {
		RESULTS.report("view-benchmarks.json");
	}

	@Test
	void hotplugAttachToRowVisible() throws Exception {
		List<Double> attach = new ArrayList<>();
		List<Double> detach = new ArrayList<>();
		for (int run = 0; run < WARMUP + RUNS; run++) {
			String port = UsbBench.attach(spec(0x0100 + run));
			long plugged = System.nanoTime();
			assertTrue(UiWait.until(display, LIMIT, () -> ports().contains(port)), "row for " + port);
			long shown = System.nanoTime();
			UsbBench.detach(port);
			long unplugged = System.nanoTime();
			assertTrue(UiWait.until(display, LIMIT, () -> !ports().contains(port)), "row for " + port + " stayed");
			if (run >= WARMUP) {
				attach.add(millis(shown - plugged));
				detach.add(millis(System.nanoTime() - unplugged));
			}
		}
		RESULTS.add("hotplug attach to row visible", "ms", attach, null, "<= 100 ms");
		RESULTS.add("hotplug detach to row gone", "ms", detach, null, "");
	}

	@Test
	void manyBoardsAtOnce() throws Exception {
		for (int boards : new int[] { 1, 8, 32 }) {
			List<Double> afterLast = new ArrayList<>();
			List<Double> perBoard = new ArrayList<>();
			for (int run = 0; run < 1 + 3; run++) {
				long start = System.nanoTime();
				List<String> attached = attachInBackground(boards, 0x0200).get();
				long lastPlugged = System.nanoTime();
				assertTrue(UiWait.until(display, LIMIT, () -> ports().containsAll(attached)), boards + " rows");
				long allShown = System.nanoTime();
				detachAll(attached);
				assertTrue(UiWait.until(display, LIMIT, () -> ports().stream().noneMatch(attached::contains)), "rows gone");
				if (run > 0) {
					afterLast.add(millis(allShown - lastPlugged));
					perBoard.add(millis(allShown - start) / boards);
				}
			}
			RESULTS.add(boards + " boards attached: all rows visible after the last attach", "ms", afterLast, null,
					"<= 1000 ms");
			RESULTS.add(boards + " boards attached: time per board (attach included)", "ms", perBoard, null, "flat");
		}
	}

	@Test
	void longestUiStallDuringABurstOf32() throws Exception {
		List<Double> stalls = new ArrayList<>();
		for (int run = 0; run < 1 + 3; run++) {
			UiStallMeter meter = UiStallMeter.start(display);
			CompletableFuture<List<String>> burst = attachInBackground(32, 0x0300);
			assertTrue(UiWait.until(display, LIMIT, () -> burst.isDone() && ports().containsAll(burst.join())), "32 rows");
			// The timer measures a stall when it runs after it: give it that chance before stopping, and stop before
			// the test's own cleanup.
			UiWait.settle(display, Duration.ofMillis(20));
			Duration longest = meter.stop();
			detachAll(burst.join());
			assertTrue(UiWait.until(display, LIMIT, () -> ports().size() == 1), "rows gone");
			if (run > 0) {
				stalls.add(millis(longest.toNanos()));
			}
		}
		RESULTS.add("longest UI-thread stall, burst of 32 hotplug events", "ms", stalls, null, "<= 50 ms");
	}

	@Test
	void openingTheView() throws Exception {
		List<Double> opens = new ArrayList<>();
		List<Double> stallsAfter = new ArrayList<>();
		List<Double> rowsShown = new ArrayList<>();
		for (int run = 0; run < WARMUP + RUNS; run++) {
			IViewPart open = page.findView(DfuDevicesView.ID);
			page.hideView(open);
			UiWait.settle(display, Duration.ofMillis(50));
			long start = System.nanoTime();
			view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
			long opened = System.nanoTime();
			// The view shows its rows in later UI events (the first snapshot of the registry): they block too.
			UiStallMeter meter = UiStallMeter.start(display);
			assertTrue(UiWait.until(display, LIMIT, () -> ports().contains("1-1")), "rows after reopening");
			long shown = System.nanoTime();
			UiWait.settle(display, Duration.ofMillis(20));
			Duration after = meter.stop();
			if (run >= WARMUP) {
				opens.add(millis(opened - start));
				stallsAfter.add(millis(after.toNanos()));
				rowsShown.add(millis(shown - start));
			}
		}
		// The same for a simple view of the platform (Outline), to tell the workbench's own cost from ours.
		List<Double> reference = new ArrayList<>();
		for (int run = 0; run < WARMUP + RUNS; run++) {
			IViewPart outline = page.findView(IPageLayout.ID_OUTLINE);
			if (outline != null) {
				page.hideView(outline);
			}
			UiWait.settle(display, Duration.ofMillis(50));
			long start = System.nanoTime();
			page.showView(IPageLayout.ID_OUTLINE);
			if (run >= WARMUP) {
				reference.add(millis(System.nanoTime() - start));
			}
		}
		Double outlineMedian = RESULTS.add("opening the Outline view (reference)", "ms", reference, null, "").median();
		RESULTS.add("opening the view (UI thread blocked)", "ms", opens, outlineMedian, "<= 50 ms");
		RESULTS.add("opening the view: longest UI-thread stall after it, until its rows show", "ms", stallsAfter, null,
				"<= 50 ms");
		RESULTS.add("opening the view: its rows visible", "ms", rowsShown, null, "");
	}

	private static CompletableFuture<List<String>> attachInBackground(int boards, int firstPid) {
		return CompletableFuture.supplyAsync(() -> {
			List<String> ports = new ArrayList<>();
			try {
				for (int index = 0; index < boards; index++) {
					ports.add(UsbBench.attach(spec(firstPid + index)));
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return ports;
		});
	}

	private static void detachAll(List<String> ports) throws IOException {
		for (String port : ports) {
			UsbBench.detach(port);
		}
	}

	private static String spec(int pid) {
		return String.format("{\"name\": \"bench%04x\", \"runtime\": {\"pid\": \"0x%04x\", \"serial\": \"B%04x\"}}", pid, pid,
				pid);
	}

	private static Set<String> ports() {
		Set<String> ports = new java.util.HashSet<>();
		if (view.viewer() != null && view.viewer().getTable().isVisible()) {
			for (TableItem item : view.viewer().getTable().getItems()) {
				ports.add(((Board) item.getData()).device().location().portPath());
			}
		}
		return ports;
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}
}
