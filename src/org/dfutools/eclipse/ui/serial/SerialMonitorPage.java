package org.dfutools.eclipse.ui.serial;

import java.util.List;

import org.dfutools.eclipse.core.serial.LineEnding;
import org.dfutools.eclipse.core.serial.SerialMonitor;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.console.IConsolePageParticipant;
import org.eclipse.ui.console.actions.CloseConsoleAction;
import org.eclipse.ui.part.IPageBookViewPage;

/**
 * The toolbar of a serial monitor's page in the Console view: Connect or Disconnect, the baud rate, the line ending,
 * timestamps, and Close (which closes the port).
 */
public final class SerialMonitorPage implements IConsolePageParticipant {

	private SerialMonitorConsole console;
	private Action connect;
	private ChoiceAction<Integer> baud;
	private ChoiceAction<LineEnding> ending;
	private Action timestamps;

	@Override
	public void init(IPageBookViewPage page, IConsole given) {
		console = (SerialMonitorConsole) given;
		SerialMonitor monitor = console.monitor();
		connect = new Action() {
			@Override
			public void run() {
				if (monitor.state() == SerialMonitor.State.DISCONNECTED) {
					monitor.connect();
				} else {
					monitor.disconnect();
				}
			}
		};
		baud = new ChoiceAction<>(Messages.SerialMonitor_baudRate, BaudRates.COMMON, rate -> rate.toString(),
				() -> Integer.valueOf(monitor.baudRate()), rate -> monitor.baudRate(rate.intValue()));
		ending = new ChoiceAction<>(Messages.SerialMonitor_lineEnding, List.of(LineEnding.values()),
				LineEnding::label, monitor::lineEnding, monitor::lineEnding);
		timestamps = new Action(Messages.SerialMonitor_timestamps, IAction.AS_CHECK_BOX) {
			@Override
			public void run() {
				console.receivedText().timestamps(isChecked());
			}
		};
		timestamps.setChecked(console.receivedText().timestamps());
		IActionBars bars = page.getSite().getActionBars();
		IToolBarManager toolbar = bars.getToolBarManager();
		toolbar.appendToGroup(IConsoleConstants.LAUNCH_GROUP, connect);
		toolbar.appendToGroup(IConsoleConstants.LAUNCH_GROUP, baud);
		toolbar.appendToGroup(IConsoleConstants.LAUNCH_GROUP, ending);
		toolbar.appendToGroup(IConsoleConstants.LAUNCH_GROUP, timestamps);
		toolbar.appendToGroup(IConsoleConstants.LAUNCH_GROUP, new CloseConsoleAction(console));
		bars.updateActionBars();
		console.onStateChange(() -> {
			Display display = Display.getDefault();
			if (!display.isDisposed()) {
				display.asyncExec(this::update);
			}
		});
		update();
	}

	/** On the UI thread: the buttons as the monitor stands. */
	private void update() {
		if (connect == null) {
			return; // disposed
		}
		boolean disconnected = console.monitor().state() == SerialMonitor.State.DISCONNECTED;
		connect.setText(disconnected ? Messages.SerialMonitor_connect : Messages.SerialMonitor_disconnect);
		connect.setToolTipText(disconnected ? Messages.SerialMonitor_connectTip
				: NLS.bind(Messages.SerialMonitor_disconnectTip, console.monitor().portPath()));
		baud.update();
		ending.update();
	}

	@Override
	public void dispose() {
		connect = null;
		console.onStateChange(() -> {
			// the page is gone
		});
	}

	@Override
	public void activated() {
		// nothing to do
	}

	@Override
	public void deactivated() {
		// nothing to do
	}

	@Override
	public <T> T getAdapter(Class<T> adapter) {
		return null;
	}
}
