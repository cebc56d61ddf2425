package org.dfutools.eclipse.testsupport.fakeusb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.serial.SerialChannel;
import org.dfutools.eclipse.core.serial.SerialPortInfo;
import org.dfutools.eclipse.core.serial.SerialPorts;

/**
 * Serial ports for the boards of a {@link FakeUsbPort}, named as Linux's cdc_acm names them: each board running its
 * application has /dev/ttyACM<i>n</i>, n the lowest number no device on the bus and no port still held open has (so a
 * board that comes back while its old port is held gets another name). What the monitor does to them is logged.
 */
public final class FakeSerialPorts implements SerialPorts {

	private final FakeUsbPort usb;
	/** The name of each device (by its device key) that has had one. */
	private final Map<String, String> names = new HashMap<>();
	private final Set<String> heldByOthers = new HashSet<>();
	private final List<String> log = Collections.synchronizedList(new ArrayList<>());
	private final List<Channel> open = Collections.synchronizedList(new ArrayList<>());
	private volatile String openFailure;

	public FakeSerialPorts(FakeUsbPort usb) {
		this.usb = usb;
	}

	/** What was done to the ports, in order: "open /dev/ttyACM0 115200 after 0 USB requests", "write ...", "close ...". */
	public List<String> log() {
		synchronized (log) {
			return List.copyOf(log);
		}
	}

	/** The next opens fail with this reason (null: they succeed). */
	public void failOpens(String reason) {
		openFailure = reason;
	}

	/** Another program holds the port open: its number stays taken after its board left. */
	public synchronized void holdByAnotherProgram(String path) {
		heldByOthers.add(path);
	}

	/** The board sends text on every open port of its location. */
	public void say(FakeBoard board, String text) {
		channels(board).forEach(channel -> channel.incoming.add(text.getBytes(StandardCharsets.UTF_8)));
	}

	/** The open ports of the board now. */
	public List<Channel> channels(FakeBoard board) {
		synchronized (open) {
			return open.stream().filter(channel -> channel.location.equals(board.location().portPath()) && !channel.closed)
					.toList();
		}
	}

	@Override
	public synchronized List<SerialPortInfo> list() {
		List<SerialPortInfo> ports = new ArrayList<>();
		Set<String> taken = new HashSet<>(heldByOthers);
		List<FakeBoard> listed = usb.boards().stream().filter(board -> board.mode() == DeviceMode.RUNTIME).toList();
		for (FakeBoard board : listed) {
			String name = names.get(board.location().deviceKey());
			if (name != null) {
				taken.add(name);
			}
		}
		for (FakeBoard board : listed) {
			String name = names.computeIfAbsent(board.location().deviceKey(), key -> lowestFree(taken));
			taken.add(name);
			ports.add(new SerialPortInfo(name, board.location().portPath(), 0x1209, board.record().id().productId(),
					board.record().serial(), "Fake serial"));
		}
		// A departed device's name is free again, unless held.
		names.keySet().retainAll(listed.stream().map(board -> board.location().deviceKey()).toList());
		return ports;
	}

	private static String lowestFree(Set<String> taken) {
		for (int number = 0;; number++) {
			String name = "/dev/ttyACM" + number; //$NON-NLS-1$
			if (!taken.contains(name)) {
				return name;
			}
		}
	}

	@Override
	public SerialChannel open(SerialPortInfo port, int baud) throws IOException {
		String failure = openFailure;
		if (failure != null) {
			log.add("refused " + port.systemPath()); //$NON-NLS-1$
			throw new IOException(port.systemPath() + " cannot be opened: " + failure + "."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		log.add("open " + port.systemPath() + " " + baud + " after " + usb.requests().size() + " USB requests"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		Channel channel = new Channel(port, baud);
		open.add(channel);
		return channel;
	}

	/** One open port: bytes the board says wait in a queue; a board that left makes reads fail. */
	public final class Channel implements SerialChannel {
		private final String path;
		private final String location;
		private volatile int baud;
		private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
		private volatile boolean closed;

		Channel(SerialPortInfo port, int baud) {
			this.path = port.systemPath();
			this.location = port.location();
			this.baud = baud;
		}

		@Override
		public int read(byte[] buffer) throws IOException {
			if (closed) {
				throw new IOException(path + " is closed."); //$NON-NLS-1$
			}
			if (usb.boards().stream().noneMatch(board -> board.location().portPath().equals(location)
					&& board.mode() == DeviceMode.RUNTIME)) {
				throw new IOException(path + " cannot be read: it is gone (the board left the bus)."); //$NON-NLS-1$
			}
			try {
				byte[] bytes = incoming.poll(50, TimeUnit.MILLISECONDS);
				if (bytes == null) {
					return 0;
				}
				System.arraycopy(bytes, 0, buffer, 0, bytes.length);
				return bytes.length;
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException(e);
			}
		}

		@Override
		public void write(byte[] bytes) throws IOException {
			log.add("write " + path + " " + new String(bytes, StandardCharsets.UTF_8).replace("\n", "\\n")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}

		@Override
		public void baudRate(int rate) {
			baud = rate;
			log.add("baud " + path + " " + rate); //$NON-NLS-1$ //$NON-NLS-2$
		}

		@Override
		public void close() {
			if (!closed) {
				closed = true;
				log.add("close " + path + " after " + usb.requests().size() + " USB requests"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				if (baud == 1200) {
					// Closed at 1200 baud, DTR dropped: the touch.
					usb.boards().stream().filter(board -> board.location().portPath().equals(location)).findFirst()
							.ifPresent(FakeBoard::touched);
				}
			}
		}
	}
}
