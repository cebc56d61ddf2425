package org.dfutools.eclipse.ui.serial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.serial.LineEnding;
import org.dfutools.eclipse.core.serial.MonitorOutput;
import org.dfutools.eclipse.core.serial.ReceivedText;
import org.dfutools.eclipse.core.serial.SerialMonitor;
import org.dfutools.eclipse.core.serial.SerialMonitors;
import org.dfutools.eclipse.core.log.CoreLog;
import org.dfutools.eclipse.ui.internal.Icons;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.console.IOConsole;
import org.eclipse.ui.console.IOConsoleOutputStream;

/**
 * The Console view's page of one board's serial monitor: what the board prints, the monitor's own lines (opened,
 * closed for a flash, reopened on another port) in another colour, and every line typed sent to the board with the
 * chosen line ending. Closing the console closes the port.
 */
public final class SerialMonitorConsole extends IOConsole implements MonitorOutput {

	/** The console type: the toolbar (baud rate, line ending, timestamps, connect) is offered to these pages only. */
	public static final String TYPE = "org.dfutools.eclipse.serialMonitor"; //$NON-NLS-1$
	static final int DEFAULT_BAUD = 115200;

	private final String boardId;
	private final String boardLabel;
	private final IOConsoleOutputStream boardOutput;
	private final IOConsoleOutputStream notes;
	private final ReceivedText text = new ReceivedText();
	private volatile SerialMonitors monitors;
	private volatile SerialMonitor monitor;
	private volatile Runnable stateListener = () -> {
		// until the page's toolbar listens
	};

	/** Made on the UI thread (the colours are the display's). */
	SerialMonitorConsole(Board board) {
		super(NLS.bind(Messages.SerialMonitor_title, board.label()), TYPE, Icons.descriptor("icons/serial_monitor.png"), //$NON-NLS-1$
				StandardCharsets.UTF_8.name(), true);
		this.boardId = board.id();
		this.boardLabel = board.label();
		this.boardOutput = newOutputStream();
		this.notes = newOutputStream();
		notes.setColor(Display.getCurrent().getSystemColor(SWT.COLOR_DARK_BLUE));
		notes.setFontStyle(SWT.ITALIC);
	}

	/** Opens the board's monitor and starts sending what is typed; false when the board has a monitor already. */
	boolean start() {
		monitors = DfuCore.deviceService().serialMonitors();
		Optional<SerialMonitor> opened = monitors.open(boardId, this, DEFAULT_BAUD, LineEnding.LF);
		if (opened.isEmpty()) {
			return false;
		}
		monitor = opened.get();
		Thread typing = new Thread(this::sendTyped, "Serial monitor input of " + boardId); //$NON-NLS-1$
		typing.setDaemon(true);
		typing.start();
		return true;
	}

	String boardId() {
		return boardId;
	}

	SerialMonitor monitor() {
		return monitor;
	}

	ReceivedText receivedText() {
		return text;
	}

	/** The toolbar's update, called on any thread when the monitor's state changes. */
	void onStateChange(Runnable listener) {
		stateListener = listener;
	}

	@Override
	public void received(byte[] bytes, int length) {
		write(boardOutput, text.text(bytes, length));
	}

	@Override
	public void note(String line) {
		// On a line of its own, even when the board's last line has no end yet.
		write(notes, (text.atLineStart() ? "" : "\n") + line + "\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	@Override
	public void stateChanged() {
		SerialMonitor now = monitor;
		if (now == null) {
			return;
		}
		String name = NLS.bind(Messages.SerialMonitor_titleState,
				new Object[] { boardLabel, now.portPath().isEmpty() ? "-" : now.portPath(), stateWords(now) }); //$NON-NLS-1$
		Display display = Display.getDefault();
		if (!display.isDisposed()) { // the workbench closing while the monitor still spoke
			display.asyncExec(() -> setName(name));
		}
		stateListener.run();
	}

	private static String stateWords(SerialMonitor monitor) {
		return switch (monitor.state()) {
		case OPEN -> NLS.bind(Messages.SerialMonitor_stateOpen, Integer.valueOf(monitor.baudRate()));
		case OPENING -> Messages.SerialMonitor_stateOpening;
		case ASIDE -> Messages.SerialMonitor_stateAside;
		case WAITING -> Messages.SerialMonitor_stateWaiting;
		case DISCONNECTED, DISPOSED -> Messages.SerialMonitor_stateDisconnected;
		};
	}

	private void write(IOConsoleOutputStream stream, String line) {
		try {
			stream.write(line);
		} catch (IOException e) {
			// The console was closed while the board still spoke: nobody reads it any more.
		}
	}

	/** On a thread of its own: each line typed in the console goes to the board. */
	private void sendTyped() {
		try (BufferedReader typed = new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = typed.readLine()) != null) {
				try {
					monitor.sendLine(line);
				} catch (IOException e) {
					note(e.getMessage());
				}
			}
		} catch (IOException e) {
			// The console's input closed with the console.
		}
	}

	@Override
	protected void dispose() {
		SerialMonitor open = monitor;
		if (open != null) {
			monitors.close(open);
		}
		try {
			getInputStream().close();
		} catch (IOException e) {
			CoreLog.warn(getClass(), e.getMessage(), e);
		}
		super.dispose();
	}
}
