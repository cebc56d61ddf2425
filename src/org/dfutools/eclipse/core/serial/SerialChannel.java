package org.dfutools.eclipse.core.serial;

import java.io.IOException;

/** An open serial port. Reads and writes may come from two threads; {@link #close()} from any. */
public interface SerialChannel extends AutoCloseable {

	/**
	 * Waits at most a fraction of a second for bytes.
	 *
	 * @return how many bytes were read into {@code buffer}; 0 when none came in time
	 * @throws IOException when the port is gone (its board left the bus) or was closed
	 */
	int read(byte[] buffer) throws IOException;

	void write(byte[] bytes) throws IOException;

	/** Sets the baud rate (the USB line coding a CDC ACM board is told) on the open port. */
	void baudRate(int baud) throws IOException;

	@Override
	void close();
}
