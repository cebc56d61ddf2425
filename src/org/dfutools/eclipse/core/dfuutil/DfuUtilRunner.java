package org.dfutools.eclipse.core.dfuutil;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * Runs dfu-util as a process (an argument list, never a shell), streams its output to the console,
 * turns its progress bar into progress, and kills it, with what it started, when the user cancels or the time
 * limit passes.
 */
public final class DfuUtilRunner {

	private final DfuUtilConsole console;
	private final Consumer<String> phaseStarted;

	public DfuUtilRunner(DfuUtilConsole console) {
		this(console, phase -> {
			// the console and the monitor say it already
		});
	}

	/**
	 * {@code phaseStarted} hears each phase of dfu-util's progress bar ("Erase", "Download", "Upload") as it
	 * starts, on the thread that reads the output: a DfuSe sector erase can take seconds, and the board's row says so.
	 */
	public DfuUtilRunner(DfuUtilConsole console, Consumer<String> phaseStarted) {
		this.console = console;
		this.phaseStarted = phaseStarted;
	}

	/**
	 * Runs the command to its end (see {@link ToolProcess}). Throws when it cannot start, when cancelled and
	 * when it exceeds {@code limit}; an exit status that is not 0 is returned, for the caller to interpret.
	 */
	public DfuUtilRun run(DfuUtilCommand command, Duration limit, IProgressMonitor monitor) throws DfuUtilException {
		SubMonitor progress = SubMonitor.convert(monitor, 100);
		console.commandStarting(command);
		OutputPump pump = new OutputPump();
		int[] reported = { 0 };
		try {
			ToolProcess.Ended ended = ToolProcess.run(command.command(), limit, progress, pump::accept,
					() -> reported[0] = report(pump, progress, reported[0]));
			pump.finish(); // a last line without a line end counts too
			return pump.result(ended.exitStatus());
		} catch (IOException e) {
			throw new DfuUtilException(NLS.bind(Messages.DfuUtilRunner_cannotStart, command.command().get(0), e.getMessage()), e);
		} catch (OperationCanceledException e) {
			throw DfuUtilException.cancelled(Messages.DfuUtilRunner_cancelled);
		} catch (ToolProcess.TimedOut e) {
			throw new DfuUtilException(NLS.bind(Messages.DfuUtilRunner_timedOut, Long.valueOf(limit.toSeconds())));
		} finally {
			pump.finish();
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

	/**
	 * Turns dfu-util's output, as the reader thread receives it, into the console's text through the output
	 * parser: every line as printed, except that the progress bar dfu-util redraws for each block appears once
	 * per {@value #CONSOLE_STEP}% (a 1 MiB download would otherwise fill hundreds of console lines).
	 */
	private final class OutputPump implements DfuUtilOutput.Listener {
		private static final int CONSOLE_STEP = 10;
		private static final int BAR_WIDTH = 25;
		private final DfuUtilOutput output = new DfuUtilOutput(this);
		volatile String phase;
		volatile int percent;
		private volatile long bytes;
		/** The progress step last shown in the console, per phase; -1 before the first. */
		private int shownStep = -1;
		private boolean finished;

		synchronized void accept(String chunk) {
			if (!finished) {
				output.accept(chunk);
			}
		}

		/** The last line, when it did not end with a line end. */
		synchronized void finish() {
			if (!finished) {
				finished = true;
				output.finish();
			}
		}

		@Override
		public void progress(String newPhase, int newPercent, long newBytes) {
			if (!newPhase.equals(phase)) {
				shownStep = -1;
				phaseStarted.accept(newPhase);
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
			// The output reader keeps what the operation needs of it (transfer done, reset after it).
		}

		synchronized DfuUtilRun result(int exitStatus) {
			return new DfuUtilRun(exitStatus, output.lastError(), bytes, output.transferDone(), output.resetAfterTransfer(),
					output.boardError());
		}
	}
}
