package org.dfutools.eclipse.core.launch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.flash.BoardOutcome;
import org.dfutools.eclipse.core.flash.BoardProcess;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.flash.FlashSettings;
import org.dfutools.eclipse.core.flash.ParallelFlash;
import org.dfutools.eclipse.core.internal.ErrorStatus;
import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.core.flash.ParallelFlashSummary;
import org.dfutools.eclipse.core.operation.WhereTheBoardIs;

/**
 * A DFU Flash configuration that names several boards, run in its launch: a first process whose console shows the
 * boards found and the summary (its Terminate stops every board), then one process per board with its own console
 * and Terminate. The launch fails, after every board has ended, when any board was not flashed.
 */
final class ParallelFlashLaunch {

	private ParallelFlashLaunch() {
	}

	static void run(ILaunch launch, FlashSettings settings, String processType, IProgressMonitor monitor) throws CoreException {
		String file = settings.firmware().getFileName().toString();
		ProcessConsole summary = ProcessConsole.start(launch, NLS.bind(Messages.ParallelLaunch_label, file), processType);
		OperationProcess whole = summary.process();
		IProgressMonitor all = new CancellableMonitor(SubMonitor.convert(monitor, 1), whole);
		ParallelFlash flash = new ParallelFlash(DfuCore.deviceService(), DfuCore.dfuUtilVersions(), DfuPreferences.operationPreferences(),
				summary);
		long start = System.nanoTime();
		int status = 1;
		try {
			List<Board> boards = flash.boards(settings, all);
			List<BoardOutcome> outcomes = flash.run(settings, boards, board -> boardRun(launch, board, file, processType), all);
			new ParallelFlashSummary(new WhereTheBoardIs(DfuCore.deviceService()))
					.summaryLines(outcomes, Duration.ofNanos(System.nanoTime() - start))
					.forEach(line -> summary.out(line + System.lineSeparator()));
			Optional<String> failures = ParallelFlashSummary.failures(outcomes);
			boolean cancelled = outcomes.stream().anyMatch(outcome -> outcome.result() == BoardOutcome.Result.CANCELLED);
			status = failures.isPresent() ? 1 : cancelled ? OperationProcess.CANCELLED : 0;
			if (failures.isPresent()) {
				summary.err(failures.get());
				throw new CoreException(ErrorStatus.of(failures.get(), null));
			}
		} catch (OperationException e) {
			status = OperationLaunch.cancelledOrThrown(summary, e);
		} catch (OperationCanceledException e) {
			summary.err(Messages.ParallelLaunch_cancelled);
			status = OperationProcess.CANCELLED;
		} finally {
			whole.end(status);
		}
	}

	/** One board's process and console in the launch, made before its process starts. */
	private static BoardProcess boardRun(ILaunch launch, Board board, String file, String processType) {
		ProcessConsole console = ProcessConsole.start(launch, NLS.bind(Messages.ParallelLaunch_boardLabel, new Object[] { file,
				board.device().location().portPath(), board.device().displayName() }), processType);
		OperationProcess process = console.process();
		return new BoardProcess() {
			@Override
			public DfuUtilConsole console() {
				return console;
			}

			@Override
			public boolean cancelRequested() {
				return process.cancelRequested();
			}

			@Override
			public void ended(BoardOutcome outcome) {
				if (outcome.report().isPresent()) {
					outcome.report().get().summaryLines().forEach(line -> console.out(line + System.lineSeparator()));
				}
				process.end(switch (outcome.result()) {
				case FLASHED -> 0;
				case CANCELLED -> OperationProcess.CANCELLED;
				default -> 1;
				});
			}
		};
	}
}
