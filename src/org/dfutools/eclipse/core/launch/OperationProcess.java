package org.dfutools.eclipse.core.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The whole flash process as one process for the debug framework ({@code DebugPlugin.newProcess}): one
 * console holds the process's steps, dfu-util's command line and output, and the summary; the Terminate
 * button cancels the process (which stops dfu-util), and the exit value is the process's result.
 */
final class OperationProcess extends Process {

	/** Exit value of a process that was cancelled, as a shell reports an interrupted command. */
	static final int CANCELLED = 130;

	private final ConsoleStream output = new ConsoleStream();
	private final ConsoleStream errors = new ConsoleStream();
	private final CountDownLatch ended = new CountDownLatch(1);
	private volatile int exitValue;
	private volatile boolean cancelRequested;

	/** Text for the console's output stream, line ends included. */
	void out(String text) {
		output.append(text);
	}

	/** A line for the console's error stream. */
	void err(String line) {
		errors.append(line + System.lineSeparator());
	}

	/** The process has ended: the console streams end, then the process does. */
	void end(int status) {
		exitValue = status;
		output.close();
		errors.close();
		ended.countDown();
	}

	/** Whether Terminate was pressed. */
	boolean cancelRequested() {
		return cancelRequested;
	}

	@Override
	public void destroy() {
		cancelRequested = true;
	}

	@Override
	public OutputStream getOutputStream() {
		return OutputStream.nullOutputStream();
	}

	@Override
	public InputStream getInputStream() {
		return output;
	}

	@Override
	public InputStream getErrorStream() {
		return errors;
	}

	@Override
	public int waitFor() throws InterruptedException {
		ended.await();
		return exitValue;
	}

	@Override
	public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
		return ended.await(timeout, unit);
	}

	@Override
	public int exitValue() {
		if (ended.getCount() > 0) {
			throw new IllegalThreadStateException();
		}
		return exitValue;
	}

	@Override
	public boolean isAlive() {
		return ended.getCount() > 0;
	}

	/** Text written by the process, read by the console's stream monitor until the process ends. */
	private static final class ConsoleStream extends InputStream {
		private final ByteQueue pending = new ByteQueue();
		private boolean closed;

		synchronized void append(String text) {
			if (!closed) {
				pending.add(text.getBytes(StandardCharsets.UTF_8));
				notifyAll();
			}
		}

		@Override
		public synchronized void close() {
			closed = true;
			notifyAll();
		}

		@Override
		public synchronized int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
		}

		@Override
		public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			try {
				while (pending.isEmpty() && !closed) {
					wait();
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException(e);
			}
			return pending.isEmpty() ? -1 : pending.take(buffer, offset, length);
		}

		@Override
		public synchronized int available() {
			return pending.size();
		}
	}

	/** A growable FIFO of bytes. */
	private static final class ByteQueue {
		private byte[] bytes = new byte[8192];
		private int start;
		private int end;

		void add(byte[] more) {
			if (end + more.length > bytes.length) {
				byte[] grown = new byte[Math.max(bytes.length, (end - start + more.length) * 2)];
				System.arraycopy(bytes, start, grown, 0, end - start);
				end -= start;
				start = 0;
				bytes = grown;
			}
			System.arraycopy(more, 0, bytes, end, more.length);
			end += more.length;
		}

		boolean isEmpty() {
			return start == end;
		}

		int size() {
			return end - start;
		}

		int take(byte[] buffer, int offset, int length) {
			int count = Math.min(length, end - start);
			System.arraycopy(bytes, start, buffer, offset, count);
			start += count;
			if (start == end) {
				start = 0;
				end = 0;
			}
			return count;
		}
	}
}
