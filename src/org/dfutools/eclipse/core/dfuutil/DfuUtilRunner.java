package org.dfutools.eclipse.core.dfuutil;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * Runs dfu-util as a process (an argument list, never a shell), streams its output to the console,
 * turns its progress bar into progress, and kills it when the user cancels or the time limit passes. No
 * process outlives a run.
 */
public final class DfuUtilRunner {

	/** How often the waiting thread looks at the monitor; progress monitors cannot wake a thread. */
	private static final long CHECK_MILLIS = 50;
	/** How long a killed dfu-util, and the reader of its output, may take to be gone. */
	private static final Duration GRACE = Duration.ofSeconds(2);

	private final DfuUtilConsole console;

	public DfuUtilRunner(DfuUtilConsole console) {
		this.console = console;
	}

	/**
	 * Runs the command to its end. Throws when it cannot start, when cancelled and when it exceeds
	 * {@code limit}; an exit status that is not 0 is returned, for the caller to interpret.
	 */
	public DfuUtilRun run(DfuUtilCommand command, Duration limit, IProgressMonitor monitor) throws DfuUtilException {
		SubMonitor progress = SubMonitor.convert(monitor, 100);
		console.commandStarting(command);
		Process process;
		try {
			process = new ProcessBuilder(command.command()).redirectErrorStream(true).start();
		} catch (IOException e) {
			throw new DfuUtilException(NLS.bind(Messages.DfuUtilRunner_cannotStart, command.command().get(0), e.getMessage()), e);
		}
		OutputPump pump = new OutputPump(process);
		Thread reader = new Thread(pump, "dfu-util output"); //$NON-NLS-1$
		reader.setDaemon(true);
		reader.start();
		long deadline = System.nanoTime() + limit.toNanos();
		int reported = 0;
		try {
			while (!process.waitFor(CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
				reported = report(pump, progress, reported);
				if (progress.isCanceled()) {
					stop(process, reader);
					throw DfuUtilException.cancelled(Messages.DfuUtilRunner_cancelled);
				}
				if (System.nanoTime() - deadline > 0) {
					stop(process, reader);
					throw new DfuUtilException(NLS.bind(Messages.DfuUtilRunner_timedOut, Long.valueOf(limit.toSeconds())));
				}
			}
			// The output may still be in the pipe when the process has ended.
			reader.join(GRACE.toMillis());
			report(pump, progress, reported);
			return pump.result(process.exitValue());
		} catch (InterruptedException e) {
			stop(process, reader);
			Thread.currentThread().interrupt();
			throw DfuUtilException.cancelled(Messages.DfuUtilRunner_cancelled);
		}
	}

	/** Moves the monitor to where dfu-util's progress bar is: Erase is the first 30%, then the transfer. */
	private static int report(OutputPump pump, SubMonitor progress, int reported) {
		String phase = pump.phase;
		if (phase == null) {
			return reported;
		}
		int percent = pump.percent;
		int target = "Erase".equals(phase) ? percent * 30 / 100 : 30 + percent * 70 / 100; //$NON-NLS-1$
		progress.subTask(NLS.bind(Messages.DfuUtilRunner_progress, phase, Integer.valueOf(percent)));
		if (target > reported) {
			progress.worked(target - reported);
			return target;
		}
		return reported;
	}

	/** Kills it and whatever it started (see {@link ProcessTree#kill}), then gives its output reader a moment to end. */
	private static void stop(Process process, Thread reader) {
		ProcessTree.kill(process);
		try {
			process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
			reader.join(GRACE.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Reads dfu-util's output on a thread of its own, through the output reader, into the console: every
	 * line as printed, except that the progress bar dfu-util redraws for each block appears once per
	 * {@value #CONSOLE_STEP}% (a 1 MiB download would otherwise fill hundreds of console lines).
	 */
	private final class OutputPump implements Runnable, DfuUtilOutput.Listener {
		private static final int CONSOLE_STEP = 10;
		private static final int BAR_WIDTH = 25;
		private final Process process;
		private final DfuUtilOutput output = new DfuUtilOutput(this);
		volatile String phase;
		volatile int percent;
		private volatile long bytes;
		/** The progress step last shown in the console, per phase; -1 before the first. */
		private int shownStep = -1;

		OutputPump(Process process) {
			this.process = process;
		}

		@Override
		public void run() {
			char[] buffer = new char[4096];
			try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
				int count;
				while ((count = in.read(buffer)) >= 0) {
					output.accept(new String(buffer, 0, count));
				}
			} catch (IOException e) {
				// The stream closes when the process is killed: what was read is all there is.
			} finally {
				output.finish();
			}
		}

		@Override
		public void progress(String newPhase, int newPercent, long newBytes) {
			if (!newPhase.equals(phase)) {
				shownStep = -1;
			}
			int step = newPercent / CONSOLE_STEP;
			if (step > shownStep) {
				shownStep = step;
				// dfu-util's own format, one line per step.
				int filled = Math.max(0, Math.min(newPercent * BAR_WIDTH / 100, BAR_WIDTH));
				String bar = "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled); //$NON-NLS-1$ //$NON-NLS-2$
				console.out(String.format("%s\t[%s] %3d%% %12d bytes%n", newPhase, bar, //$NON-NLS-1$
						Integer.valueOf(newPercent), Long.valueOf(newBytes)));
			}
			percent = newPercent;
			phase = newPhase;
			if (!"Erase".equals(newPhase)) { //$NON-NLS-1$
				bytes = newBytes;
			}
		}

		@Override
		public void line(String text) {
			console.out(text + System.lineSeparator());
		}

		@Override
		public void phaseDone(String donePhase) {
			// The output reader keeps what the chain needs of it (transfer done, reset after it).
		}

		DfuUtilRun result(int exitStatus) {
			return new DfuUtilRun(exitStatus, output.lastError(), bytes, output.transferDone(), output.resetAfterTransfer());
		}
	}
}
