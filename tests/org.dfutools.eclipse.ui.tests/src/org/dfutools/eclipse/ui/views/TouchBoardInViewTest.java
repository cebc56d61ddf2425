package org.dfutools.eclipse.ui.views;

import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.row;
import static org.dfutools.eclipse.ui.views.DfuDevicesViewControls.toolItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.testsupport.BenchRegistry;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.dfutools.eclipse.ui.launch.WorkbenchWindows;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * An Arduino Portenta H7 (Mbed core) in the DFU Devices view: no DFU interface, so it is listed only because its
 * VID:PID is a built-in touch board; Reboot to DFU touches its serial port at 1200 baud and its row follows it into its
 * bootloader (2341:035b), and Start Application brings it back.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+")
class TouchBoardInViewTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);

	@Test
	void rebootToDfuTouchesThePortAndTheRowFollowsTheBoard() throws Exception {
		IWorkbenchWindow window = WorkbenchWindows.activeFillingTheScreen();
		Display display = window.getShell().getDisplay();
		IWorkbenchPage page = window.getActivePage();
		try (BenchRegistry bench = BenchRegistry.ofPlugin(LIMIT)) {
			String port = bench.attachAndAwait("""
					{"name": "portenta-view", "runtime": {"vid": "0x2341", "pid": "0x025b", "serial": "PORTENTA-VIEW",
					   "manufacturer": "Arduino", "product": "Portenta H7", "device_class": "0xef", "device_subclass": 2,
					   "device_protocol": 1, "dfu_interface": false, "interfaces": [
					   {"class": 2, "subclass": 2, "protocol": 1, "association": {"count": 2},
					    "extra": "0524001001 0524010001 04240202 0524060001",
					    "endpoints": [{"address": "0x83", "type": "interrupt", "max_packet": 16, "interval": 16}],
					    "serial_port": {"lines": ["Portenta up %(n)d"], "every_ms": 500}},
					   {"class": 10, "endpoints": [{"address": "0x81", "type": "bulk", "max_packet": 64},
					                               {"address": "0x01", "type": "bulk", "max_packet": 64}]}]},
					 "dfu": {"pid": "0x035b", "product": "Portenta bootloader"},
					 "behaviour": {"touch_1200": "reboot", "reenumerate_delay_ms": 300}}
					""", LIMIT);
			try {
				DfuDevicesView view = (DfuDevicesView) page.showView(DfuDevicesView.ID);
				assertTrue(UiWait.until(display, LIMIT, () -> row(view, port).isPresent()), "no row for the Portenta");
				assertEquals("Run-time (1200-baud touch)", row(view, port).get().getText(2));
				String boardId = ((Board) row(view, port).get().getData()).id();
				page.activate(view);
				view.viewer().setSelection(new StructuredSelection(row(view, port).get().getData()), true);
				ToolItem reboot = toolItem(view, "Reboot to DFU");
				assertTrue(UiWait.until(display, LIMIT, reboot::isEnabled), "Reboot to DFU is disabled for a touch board");
				List<String> modes = new ArrayList<>();
				reboot.notifyListeners(SWT.Selection, new Event());
				assertTrue(UiWait.until(display, LIMIT, () -> {
					row(view, port).ifPresent(item -> modes.add(item.getText(2)));
					return row(view, port).map(item -> item.getText(1).equals("2341:035b") && item.getText(2).equals("DFU"))
							.orElse(false);
				}), () -> "the row did not follow the board into its bootloader: " + modes);
				assertTrue(modes.stream().allMatch(mode -> !mode.isEmpty()), "the row vanished on the way: " + modes);
				assertEquals(boardId, ((Board) row(view, port).get().getData()).id(), "the row is the same board's");
				UiWait.settle(display, Duration.ofMillis(300));
				Screenshots.save(display, "dfu-devices-touch-board-in-dfu-mode");

				ToolItem start = toolItem(view, "Start Application");
				assertTrue(UiWait.until(display, LIMIT, start::isEnabled), "Start Application is disabled in DFU mode");
				start.notifyListeners(SWT.Selection, new Event());
				assertTrue(UiWait.until(display, LIMIT, () -> row(view, port)
						.map(item -> item.getText(2).equals("Run-time (1200-baud touch)")).orElse(false)),
						"the board is not back in its application");
			} finally {
				bench.events.detachAndAwaitRemoval(port, LIMIT);
			}
		}
	}
}
