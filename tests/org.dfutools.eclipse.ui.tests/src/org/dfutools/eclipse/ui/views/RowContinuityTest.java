package org.dfutools.eclipse.ui.views;

import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.dfutools.eclipse.core.device.Board;
import org.eclipse.core.commands.Command;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.dfutools.eclipse.ui.launch.WorkbenchWindows;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board keeps its row while it re-enumerates: the table is sampled every 20 ms through a Reboot to DFU
 * (reset path and will-detach path) and a flash of a board that stays off the bus 800 ms each time, with
 * boards above and below it. The row count never drops, the board's row never moves, the selection stays.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
class RowContinuityTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final int SAMPLE_MILLIS = 20;
	private static final int OFF_THE_BUS_MILLIS = 800;
	private static final String REBOOT = "org.dfutools.eclipse.ui.commands.rebootToDfu";

	@TempDir
	Path folder;

	private Display display;
	private IWorkbenchPage page;

	@BeforeEach
	void openWorkbenchWindow() {
		IWorkbenchWindow window = WorkbenchWindows.activeFillingTheScreen();
		display = window.getShell().getDisplay();
		page = window.getActivePage();
	}

	@Test
	void rebootToDfuWithAResetKeepsTheRow() throws Exception {
		Samples samples = rebootWatched("0x03", "ROWS-RESET");
		assertTrue(samples.sawReenumerating(), "the row never said it was re-enumerating: " + samples.modes);
		assertTrue(samples.properties.stream().anyMatch(mode -> mode.startsWith("Re-enumerating")),
				"the Properties view never said it was re-enumerating: " + samples.properties);
		assertEquals("DFU", samples.properties.get(samples.properties.size() - 1), "the Properties view is stale: " + samples.properties);
	}

	@Test
	void rebootToDfuOfABoardThatDetachesItselfKeepsTheRow() throws Exception {
		Samples samples = rebootWatched("0x0b", "ROWS-SELF");
		assertTrue(samples.sawReenumerating(), "the row never said it was re-enumerating: " + samples.modes);
	}

	@Test
	void aFlashKeepsTheRowThroughBothReenumerations() throws Exception {
		byte[] image = Firmware.image(16 * 1024, 81);
		Path firmware = Files.write(folder.resolve("rows.bin"), image);
		Path flash = folder.resolve("flash.bin");
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			Neighbours board = attachBetweenNeighbours(bench, "0x03", "ROWS-FLASH", flash);
			try {
				DfuDevicesView view = showView(board);
				ILaunchConfigurationWorkingCopy configuration = FlashLaunches.configuration("rows",
						FlashConfiguration.defaults(new BoardSelector(BoardSelector.Kind.SERIAL, "ROWS-FLASH"),
								firmware.toString(), 10));
				Samples samples = new Samples(view, board.port());
				DebugUITools.launch(configuration, "run");
				samples.sampleUntil(display, () -> FlashLaunches.processOf(configuration.getName()).filter(IProcess::isTerminated).isPresent());
				IProcess process = FlashLaunches.processOf(configuration.getName()).orElseThrow();
				assertEquals(0, process.getExitValue(), process.getStreamsProxy().getErrorStreamMonitor().getContents());
				assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flash), image.length));
				samples.assertContinuous();
				assertTrue(samples.reenumerations() >= 2,
						"the row did not show both re-enumerations of the flash: " + samples.modes);
			} finally {
				board.detachAll(bench);
			}
		}
	}

	/** Reboots the board in the middle from the view's command while the table is sampled. */
	private Samples rebootWatched(String attributes, String serial) throws Exception {
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			Neighbours board = attachBetweenNeighbours(bench, attributes, serial, folder.resolve("unused.bin"));
			try {
				DfuDevicesView view = showView(board);
				page.showView(IPageLayout.ID_PROP_SHEET);
				page.activate(view);
				Samples samples = new Samples(view, board.port());
				Command reboot = PlatformUI.getWorkbench().getService(ICommandService.class).getCommand(REBOOT);
				assertTrue(UiWait.until(display, LIMIT, reboot::isEnabled), "Reboot to DFU is not enabled for the board");
				PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(REBOOT, null);
				samples.sampleUntil(display, () -> row(view, board.port()).map(item -> item.getText(2).equals("DFU")).orElse(false));
				UiWait.settle(display, Duration.ofMillis(200));
				samples.sample();
				samples.assertContinuous();
				Screenshots.save(display, "dfu-devices-rows-kept-" + serial.toLowerCase());
				return samples;
			} finally {
				board.detachAll(bench);
			}
		}
	}

	/** Boards on the ports around the one under test, so that the rows above and below it are watched too. */
	private record Neighbours(String before, String port, String after, String serial) {
		void detachAll(BenchRegistry bench) throws Exception {
			for (String each : List.of(after, port, before)) {
				bench.events.detachAndAwaitRemoval(each, LIMIT);
			}
		}
	}

	private static Neighbours attachBetweenNeighbours(BenchRegistry bench, String attributes, String serial, Path output)
			throws Exception {
		String before = bench.attachAndAwait("""
				{"name": "above", "runtime": {"pid": "0x00b0", "serial": "%s-ABOVE"}}
				""".formatted(serial), LIMIT);
		String port = bench.attachAndAwait("""
				{"name": "rows", "runtime": {"pid": "0x00b1", "serial": "%s", "product": "Board that re-enumerates",
				  "functional": {"attributes": "%s", "detach_timeout": 1000}},
				 "dfu": {"pid": "0x00b2", "functional": {"attributes": "0x07"}, "alts": [{"name": "Flash", "output": "%s"}]},
				 "behaviour": {"reenumerate_delay_ms": %d}}
				""".formatted(serial, attributes, output, OFF_THE_BUS_MILLIS), LIMIT);
		String after = bench.attachAndAwait("""
				{"name": "below", "runtime": {"pid": "0x00b3", "serial": "%s-BELOW"}}
				""".formatted(serial), LIMIT);
		return new Neighbours(before, port, after, serial);
	}

	/** The view with the board's row selected, once the row shows this board (not an earlier one on its port). */
	private DfuDevicesView showView(Neighbours board) throws Exception {
		DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
		assertTrue(UiWait.until(display, LIMIT, () -> row(view, board.port())
				.filter(item -> ((Board) item.getData()).device().serial().equals(board.serial())).isPresent()
				&& rowCountSettled(view)), "no row for " + board);
		page.activate(view);
		view.viewer().setSelection(new StructuredSelection(row(view, board.port()).get().getData()), true);
		return view;
	}

	/** The table shows as many rows as the registry has boards. */
	private static boolean rowCountSettled(DfuDevicesView view) {
		return view.viewer().getTable().getItemCount() == org.dfutools.eclipse.core.DfuCore.deviceService().registry()
				.boards().size();
	}

	/** What the table showed every 20 ms: row count, the board's row index, the selection, the mode column. */
	private static final class Samples {
		private final DfuDevicesView view;
		private final String port;
		private final String boardId;
		private final int rows;
		private final int index;
		private final List<String> problems = new ArrayList<>();
		private final Set<String> modes = new LinkedHashSet<>();
		private final List<String> modeSequence = new ArrayList<>();
		/** What the Properties view's Mode said, each change once. */
		private final List<String> properties = new ArrayList<>();
		private int count;

		Samples(DfuDevicesView view, String port) {
			this.view = view;
			this.port = port;
			Table table = view.viewer().getTable();
			TableItem item = row(view, port).orElseThrow();
			boardId = ((Board) item.getData()).id();
			rows = table.getItemCount();
			index = table.indexOf(item);
			assertEquals(boardId, selectedId(), "the board is not selected at the start");
		}

		void sampleUntil(Display display, BooleanSupplier done) {
			long deadline = System.nanoTime() + LIMIT.toNanos();
			boolean[] finished = { false };
			Runnable[] tick = new Runnable[1];
			tick[0] = () -> {
				if (!finished[0]) {
					sample();
					display.timerExec(SAMPLE_MILLIS, tick[0]);
				}
			};
			display.timerExec(SAMPLE_MILLIS, tick[0]);
			boolean ended = UiWait.until(display, Duration.ofNanos(deadline - System.nanoTime()), done);
			finished[0] = true;
			assertTrue(ended, "the operation did not end; modes seen: " + modes);
		}

		void sample() {
			count++;
			Table table = view.viewer().getTable();
			if (table.getItemCount() < rows) {
				problems.add("sample " + count + ": " + table.getItemCount() + " rows instead of " + rows);
			}
			int at = -1;
			for (int i = 0; i < table.getItemCount(); i++) {
				if (((Board) table.getItem(i).getData()).id().equals(boardId)) {
					at = i;
				}
			}
			if (at != index) {
				problems.add("sample " + count + ": the board's row is at " + at + " instead of " + index);
			} else {
				String mode = table.getItem(at).getText(2);
				modes.add(mode);
				if (modeSequence.isEmpty() || !modeSequence.get(modeSequence.size() - 1).equals(mode)) {
					modeSequence.add(mode);
				}
			}
			if (!boardId.equals(selectedId())) {
				problems.add("sample " + count + ": the selection is " + selectedId());
			}
			propertiesMode().filter(mode -> properties.isEmpty() || !properties.get(properties.size() - 1).equals(mode))
					.ifPresent(properties::add);
		}

		/** The Mode the Properties view shows for the selected board, when it is open. */
		private java.util.Optional<String> propertiesMode() {
			IViewPart sheet = view.getSite().getPage().findView(IPageLayout.ID_PROP_SHEET);
			if (!(sheet instanceof PropertySheet properties) || properties.getCurrentPage() == null
					|| !(properties.getCurrentPage().getControl() instanceof Tree tree)) {
				return java.util.Optional.empty();
			}
			for (TreeItem group : tree.getItems()) {
				for (TreeItem item : group.getItems()) {
					if (item.getText(0).equals("Mode")) {
						return java.util.Optional.of(item.getText(1));
					}
				}
			}
			return java.util.Optional.empty();
		}

		private String selectedId() {
			Object selected = ((IStructuredSelection) view.getSite().getSelectionProvider().getSelection()).getFirstElement();
			return selected instanceof Board board ? board.id() : String.valueOf(selected);
		}

		void assertContinuous() {
			assertTrue(count > 10, "too few samples: " + count);
			assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())),
					problems.size() + " problems in " + count + " samples (first 10 shown); modes: " + modeSequence);
			assertNotNull(port);
		}

		boolean sawReenumerating() {
			return modes.contains("Re-enumerating...");
		}

		/** How many times the row went off the bus and came back. */
		int reenumerations() {
			return (int) modeSequence.stream().filter("Re-enumerating..."::equals).count();
		}
	}
}
