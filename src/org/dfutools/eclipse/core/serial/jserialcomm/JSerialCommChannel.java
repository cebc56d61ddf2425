package org.dfutools.eclipse.core.serial.jserialcomm;

import java.io.IOException;

import org.dfutools.eclipse.core.serial.SerialChannel;
import org.eclipse.osgi.util.NLS;

import com.fazecast.jSerialComm.SerialPort;

/**
 * A port jSerialComm opened. Its calls take turns (one lock): a close from another thread never meets a read, a write
 * or a baud rate change half-way in the native library. (Under the test bench's preload library such a meeting closed
 * the descriptor a running request used, and ended the bench.) A read waits at most {@link #READ_WAIT_MILLIS}, so a
 * close waits no longer than that.
 */
final class JSerialCommChannel implements SerialChannel {

	/** How long a read waits for the first byte: a stop is noticed within that. */
	static final int READ_WAIT_MILLIS = 200;

	private final SerialPort port;

	JSerialCommChannel(SerialPort port) {
		this.port = port;
	}

	@Override
	public synchronized int read(byte[] buffer) throws IOException {
		int read = port.readBytes(buffer, buffer.length);
		if (read < 0 || !port.isOpen()) {
			throw new IOException(NLS.bind(Messages.JSerialCommChannel_readFailed, port.getSystemPortPath(),
					OpenFailure.reason(port.getLastErrorCode())));
		}
		return read;
	}

	@Override
	public synchronized void write(byte[] bytes) throws IOException {
		int written = port.writeBytes(bytes, bytes.length);
		if (written != bytes.length) {
			throw new IOException(NLS.bind(Messages.JSerialCommChannel_writeFailed, port.getSystemPortPath(),
					OpenFailure.reason(port.getLastErrorCode())));
		}
	}

	@Override
	public synchronized void baudRate(int baud) throws IOException {
		if (!port.setBaudRate(baud)) {
			throw new IOException(NLS.bind(Messages.JSerialCommChannel_baudFailed, Integer.valueOf(baud),
					port.getSystemPortPath()));
		}
	}

	@Override
	public synchronized void close() {
		port.closePort();
	}
}
