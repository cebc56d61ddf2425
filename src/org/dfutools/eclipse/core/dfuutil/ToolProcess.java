package org.dfutools.eclipse.core.dfuutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.dfutools.eclipse.core.wait.CancellableWait;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * One run of an external tool, the one way dfu-util is run (a flash, its version probe, the tests' bare
 * dfu-util): an argument list, never a shell. Its output (standard output and error together) is read as it
 * comes on a thread of its own, and at most {@value #KEPT} characters of it are kept. The run is bounded by
 * a limit and by the monitor, and the tool is killed with what it started when either ends it.
 */
public final class ToolProcess {

	/** How long a tool's output may take to be read to its end once the tool has ended or been killed. */
	private static final Duration GRACE = Duration.ofSeconds(2);
	/** The output kept for {@link Ended#output()}; a listener sees all of it. */
	static final int KEPT = 64 * 1024;

	/** The tool did not end within its limit, and was killed. */
	public static final class TimedOut extends Exception {
		private static final long serialVersionUID = 1L;
	}

	/** How the tool ended: its exit status and the first {@value ToolProcess#KEPT} characters it printed. */
	public record Ended(int exitStatus, String output) {
	}

	private ToolProcess() {
	}

	/**
	 * Runs the command to its end.
	 *
	 * @param onOutput     receives the output as it comes, on the reader thread
	 * @param whileRunning called on this thread every {@value CancellableWait#CHECK_MILLIS} ms while the tool runs (progress)
	 * @throws IOException                when it cannot start
	 * @throws TimedOut                   when it exceeds {@code limit}
	 * @throws OperationCanceledException when the monitor is cancelled or this thread interrupted
	 */
	public static Ended run(List<String> command, Duration limit, IProgressMonitor monitor, Consumer<String> onOutput,
			Runnable whileRunning) throws IOException, TimedOut {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		OutputReader output = new OutputReader(process.getInputStream(), onOutput);
		Thread reader = new Thread(output, command.get(0) + " output"); //$NON-NLS-1$
		reader.setDaemon(true);
		reader.start();
		long deadline = System.nanoTime() + limit.toNanos();
		try {
			boolean ended;
			try {
				ended = CancellableWait.until(nanos -> {
					if (process.waitFor(nanos, TimeUnit.NANOSECONDS)) {
						return Boolean.TRUE;
					}
					whileRunning.run();
					return null;
				}, deadline, monitor).isPresent();
			} catch (OperationCanceledException e) {
				stop(process, reader);
				throw e;
			}
			if (!ended) {
				stop(process, reader);
				throw new TimedOut();
			}
			// The output may still be in the pipe when the process has ended; something it left running in the
			// background may hold the pipe open, so the reader is not waited for beyond the grace.
			reader.join(GRACE.toMillis());
			whileRunning.run();
			return new Ended(process.exitValue(), output.kept());
		} catch (InterruptedException e) {
			stop(process, reader);
			Thread.currentThread().interrupt();
			throw new OperationCanceledException();
		} finally {
			if (process.isAlive()) {
				ProcessTree.kill(process);
			}
		}
	}

	/** Kills it and whatever it started, then gives its output reader a moment to reach the end. */
	private static void stop(Process process, Thread reader) {
		ProcessTree.kill(process);
		try {
			process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
			reader.join(GRACE.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Reads the tool's output to its end, hands it on, and keeps its beginning. */
	private static final class OutputReader implements Runnable {
		private final InputStream in;
		private final Consumer<String> onOutput;
		private final StringBuilder kept = new StringBuilder();

		OutputReader(InputStream in, Consumer<String> onOutput) {
			this.in = in;
			this.onOutput = onOutput;
		}

		@Override
		public void run() {
			char[] buffer = new char[4096];
			try (Reader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
				int count;
				while ((count = text.read(buffer)) >= 0) {
					String chunk = new String(buffer, 0, count);
					synchronized (kept) {
						kept.append(chunk, 0, Math.min(chunk.length(), KEPT - kept.length()));
					}
					onOutput.accept(chunk);
				}
			} catch (IOException e) {
				// The stream closes when the process is killed: what was read is all there is.
			}
		}

		String kept() {
			synchronized (kept) {
				return kept.toString();
			}
		}
	}
}
