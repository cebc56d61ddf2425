package org.dfutools.eclipse.core.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.eclipse.osgi.util.NLS;

/**
 * A serial monitor on one board: its port open, what the board prints handed to a {@link MonitorOutput}, lines sent.
 * It follows the board, not the port: it steps aside while an operation holds the board (closed before the board is
 * touched, see {@link SerialMonitors}), and opens the board's port again when the board runs its application again,
 * whatever the port is called by then. A board that leaves the bus with the port open is waited for in the same way.
 * Every line of its own says what happened to the port, and why it is not open when it is not.
 */
public final class SerialMonitor {

	/** Where the monitor stands. */
	public enum State {
		/** Looking for the board's port and opening it. */
		OPENING,
		/** The port is open. */
		OPEN,
		/** Closed while an operation holds the board; it opens again when the operation lets go. */
		ASIDE,
		/** Closed until the board runs its application again (it is in DFU mode, or left the bus). */
		WAITING,
		/** Closed by the person, until they connect again. */
		DISCONNECTED,
		/** Gone for good. */
		DISPOSED
	}

	/**
	 * How long a board that is on the bus may take to show its serial port: the system makes the port after the
	 * device (Linux's cdc_acm binds to it, then udev makes the node), and tells no event of it that the core could
	 * hear, so the list is read again every {@value #PORT_RETRY_MILLIS} ms until then.
	 */
	static final Duration PORT_WAIT = Duration.ofSeconds(5);
	static final long PORT_RETRY_MILLIS = 100;
	private static final int READ_BUFFER = 4096;

	private final String boardId;
	private final DeviceRegistry registry;
	private final BusyBoards busy;
	private final SerialPorts ports;
	private final MonitorOutput output;
	/** Opens the port, one attempt at a time, on no caller's thread (the UI's, the operation's, the bus's). */
	private final ExecutorService opener;
	private final Object lock = new Object();
	private State state = State.DISCONNECTED;
	private SerialChannel channel;
	/** The port open now, or last open; empty before the first. */
	private String portPath = ""; //$NON-NLS-1$
	/** The USB device of the last attempt to open: a board event of the same device is no reason to try again. */
	private String triedDevice = ""; //$NON-NLS-1$
	private volatile int baudRate;
	private volatile LineEnding lineEnding;

	SerialMonitor(String boardId, DeviceRegistry registry, BusyBoards busy, SerialPorts ports, MonitorOutput output,
			int baudRate, LineEnding lineEnding) {
		this.boardId = boardId;
		this.registry = registry;
		this.busy = busy;
		this.ports = ports;
		this.output = output;
		this.baudRate = baudRate;
		this.lineEnding = lineEnding;
		this.opener = Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, "Serial monitor of " + boardId); //$NON-NLS-1$
			thread.setDaemon(true);
			return thread;
		});
	}

	public String boardId() {
		return boardId;
	}

	public State state() {
		synchronized (lock) {
			return state;
		}
	}

	/** The port open now, or the one last open; empty before the first. */
	public String portPath() {
		synchronized (lock) {
			return portPath;
		}
	}

	public int baudRate() {
		return baudRate;
	}

	public LineEnding lineEnding() {
		return lineEnding;
	}

	public void lineEnding(LineEnding ending) {
		lineEnding = ending;
	}

	/** Opens the board's port (the person's Connect), unless it is open or being opened. */
	public void connect() {
		synchronized (lock) {
			if (state == State.OPEN || state == State.OPENING || state == State.DISPOSED) {
				return;
			}
			state = State.OPENING;
			triedDevice = ""; //$NON-NLS-1$
		}
		stateChanged();
		opener.execute(this::open);
	}

	/** Closes the port until {@link #connect()} (the person's Disconnect). */
	public void disconnect() {
		SerialChannel closing;
		String path;
		synchronized (lock) {
			if (state == State.DISCONNECTED || state == State.DISPOSED) {
				return;
			}
			path = portPath;
			closing = take(State.DISCONNECTED);
		}
		if (closing != null) {
			// Not on the caller's thread (the UI's): a port's close may wait for its output to drain.
			opener.execute(() -> {
				closing.close();
				output.note(NLS.bind(Messages.SerialMonitor_disconnected, path));
			});
		}
		stateChanged();
	}

	/** The baud rate, on the open port at once (a CDC ACM board hears it as SET_LINE_CODING) and at every reopening. */
	public void baudRate(int baud) {
		baudRate = baud;
		opener.execute(() -> {
			SerialChannel open;
			synchronized (lock) {
				open = channel;
			}
			if (open != null) {
				try {
					open.baudRate(baud);
					output.note(NLS.bind(Messages.SerialMonitor_baudSet, Integer.valueOf(baud)));
				} catch (IOException e) {
					output.note(e.getMessage());
				}
			}
		});
	}

	/**
	 * Sends the text and the line ending. Not on the UI thread: the write may wait for the port.
	 *
	 * @throws IOException when the port is not open, with why
	 */
	public void sendLine(String text) throws IOException {
		SerialChannel open;
		synchronized (lock) {
			open = channel;
		}
		if (open == null) {
			throw new IOException(NLS.bind(Messages.SerialMonitor_notOpen, stateText()));
		}
		open.write((text + lineEnding.ending()).getBytes(StandardCharsets.UTF_8));
	}

	/** Why nothing can be sent now, in the words of the state. */
	private String stateText() {
		return switch (state()) {
		case ASIDE -> Messages.SerialMonitor_stateAside;
		case WAITING -> Messages.SerialMonitor_stateWaiting;
		default -> Messages.SerialMonitor_stateClosed;
		};
	}

	/** An operation took the board: the port closes now, before the operation touches the board. */
	void stepAside(String holder) {
		SerialChannel closing;
		String path;
		synchronized (lock) {
			if (state == State.DISCONNECTED || state == State.DISPOSED || state == State.ASIDE) {
				return;
			}
			path = portPath;
			closing = take(State.ASIDE);
		}
		if (closing != null) {
			closing.close();
			output.note(NLS.bind(Messages.SerialMonitor_closedFor, path, holder));
		}
		stateChanged();
	}

	/** The operation let the board go: the port opens again when the board runs its application. */
	void resume() {
		synchronized (lock) {
			if (state != State.ASIDE) {
				return;
			}
			state = State.OPENING;
			triedDevice = ""; //$NON-NLS-1$
		}
		stateChanged();
		opener.execute(this::open);
	}

	/** The board arrived, changed or left: a waiting monitor opens on a board that runs its application again. */
	void boardChanged(BoardEvent event) {
		Board board = event.board();
		if (event.kind() == BoardEvent.Kind.REMOVED || !board.attached()) {
			// A port that reads nothing once its device left (some systems give no error) is closed here too.
			lost(null, Messages.SerialMonitor_leftBus);
			return;
		}
		if (board.mode().isDfuMode()) {
			return;
		}
		synchronized (lock) {
			if (state != State.WAITING || board.device().location().deviceKey().equals(triedDevice)) {
				return;
			}
			state = State.OPENING;
		}
		stateChanged();
		opener.execute(this::open);
	}

	/** Under the lock: the open port (or null), no longer the monitor's, which goes to {@code next}. */
	private SerialChannel take(State next) {
		SerialChannel taken = channel;
		channel = null;
		state = next;
		return taken;
	}

	/** Closes the port and stops following the board. */
	void dispose() {
		SerialChannel closing;
		synchronized (lock) {
			closing = take(State.DISPOSED);
		}
		opener.shutdownNow();
		if (closing != null) {
			// As for a disconnect, not on the caller's thread; the opener takes no more work.
			Thread closer = new Thread(closing::close, "Serial monitor close of " + boardId); //$NON-NLS-1$
			closer.setDaemon(true);
			closer.start();
		}
	}

	/** On the opener's thread: the board's port found and opened, or why not. */
	private void open() {
		Optional<String> holder = busy.holder(boardId);
		if (holder.isPresent()) {
			// Taken between the request and now: the operation's end opens the port.
			settle(State.ASIDE, NLS.bind(Messages.SerialMonitor_heldBy, holder.get()));
			return;
		}
		Attempt attempt;
		try {
			attempt = awaitOpen();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt(); // disposed: nobody waits for this attempt any more
			return;
		}
		if (attempt.channel() == null) {
			settle(State.WAITING, attempt.failure());
			return;
		}
		String path = attempt.port().systemPath();
		String previous;
		synchronized (lock) {
			if (state != State.OPENING) {
				attempt.channel().close(); // stepped aside, disconnected or disposed while it opened
				return;
			}
			channel = attempt.channel();
			previous = portPath;
			portPath = path;
			state = State.OPEN;
		}
		Integer baud = Integer.valueOf(baudRate);
		output.note(previous.isEmpty() ? NLS.bind(Messages.SerialMonitor_opened, path, baud)
				: previous.equals(path) ? NLS.bind(Messages.SerialMonitor_reopened, path, baud)
						: NLS.bind(Messages.SerialMonitor_reopenedElsewhere, new Object[] { path, previous, baud }));
		stateChanged();
		Thread reader = new Thread(() -> read(attempt.channel()), "Serial monitor reader of " + path); //$NON-NLS-1$
		reader.setDaemon(true);
		reader.start();
	}

	/** A port opened, or why none was. */
	private record Attempt(SerialPortInfo port, SerialChannel channel, String failure) {
	}

	/**
	 * The board's port opened, once the system lists it and it opens (at most {@link #PORT_WAIT}): right after a board
	 * came back, the list may still hold its port of before, which is gone, and its new one may not be listed yet.
	 */
	private Attempt awaitOpen() throws InterruptedException {
		long deadline = System.nanoTime() + PORT_WAIT.toNanos();
		String failure = null;
		while (true) {
			Optional<Board> now = registry.board(boardId);
			if (now.isEmpty() || !now.get().attached()) {
				return new Attempt(null, null, Messages.SerialMonitor_notAttached);
			}
			if (now.get().mode().isDfuMode()) {
				return new Attempt(null, null, Messages.SerialMonitor_inDfuMode);
			}
			synchronized (lock) {
				triedDevice = now.get().device().location().deviceKey();
			}
			if (failure == null) {
				failure = NLS.bind(Messages.SerialMonitor_noPort, now.get().label(), Long.valueOf(PORT_WAIT.toSeconds()));
			}
			if (state() != State.OPENING) {
				return new Attempt(null, null, failure); // stepped aside or disconnected: nobody is told
			}
			Optional<SerialPortInfo> port = BoardSerialPort.of(now.get().device(), ports.list());
			if (port.isPresent()) {
				try {
					return new Attempt(port.get(), ports.open(port.get(), baudRate), null);
				} catch (SerialPortGoneException e) {
					failure = NLS.bind(Messages.SerialMonitor_cannotOpen, e.getMessage());
				} catch (IOException e) {
					return new Attempt(port.get(), null, NLS.bind(Messages.SerialMonitor_cannotOpen, e.getMessage()));
				}
			}
			if (System.nanoTime() - deadline >= 0) {
				return new Attempt(null, null, failure);
			}
			TimeUnit.MILLISECONDS.sleep(PORT_RETRY_MILLIS);
		}
	}

	/** Ends an attempt that is still one (not overtaken by a step aside, a disconnect, a dispose), saying why. */
	private void settle(State next, String why) {
		synchronized (lock) {
			if (state != State.OPENING) {
				return;
			}
			state = next;
		}
		output.note(why);
		stateChanged();
	}

	/** On the reader's thread, while this channel is the monitor's. */
	private void read(SerialChannel reading) {
		byte[] buffer = new byte[READ_BUFFER];
		try {
			while (true) {
				int read = reading.read(buffer);
				synchronized (lock) {
					if (channel != reading) {
						return; // closed by the monitor: whoever closed it said so
					}
				}
				if (read > 0) {
					output.received(buffer, read);
				}
			}
		} catch (IOException e) {
			lost(reading, e.getMessage());
		}
	}

	/**
	 * The port failed or its board left: closed, and waited for. {@code failed} is the channel that failed, or null
	 * for whichever is open.
	 */
	private void lost(SerialChannel failed, String why) {
		SerialChannel closing;
		synchronized (lock) {
			if (channel == null || failed != null && channel != failed) {
				return; // closed already, by whoever said so
			}
			closing = take(State.WAITING);
		}
		closing.close();
		output.note(NLS.bind(Messages.SerialMonitor_lost, why));
		stateChanged();
	}

	private void stateChanged() {
		output.stateChanged();
	}
}
