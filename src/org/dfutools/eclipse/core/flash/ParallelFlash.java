package org.dfutools.eclipse.core.flash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.dfuutil.DfuUtilSlots;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.dfutools.eclipse.core.wait.CancellableWait;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.core.operation.DfuUtilStep;
import org.dfutools.eclipse.core.operation.OperationConsole;
import org.dfutools.eclipse.core.operation.StepTimes;
import org.dfutools.eclipse.core.operation.UsbListing;
import org.dfutools.eclipse.core.operation.WhereTheBoardIs;

/**
 * Flashes every board a configuration names at once, each through the whole flash on a thread of its own and with
 * dfu-util on exactly that board by its port: a failure on one board never stops or disturbs the others, a board
 * that another operation holds is skipped, and the dfu-util runs take turns when the preference allows fewer at
 * once than there are boards. Each board's console and Terminate are its own; the launch's monitor stops them all.
 */
public final class ParallelFlash {

	private final DfuDeviceService service;
	private final DfuUtilVersions versions;
	private final OperationPreferences preferences;
	private final OperationConsole summary;
	private final DfuUtilStep dfuUtil;

	/** @param summary the console of the whole launch: the boards found, and the summary */
	public ParallelFlash(DfuDeviceService service, DfuUtilVersions versions, OperationPreferences preferences,
			DfuUtilConsole summary) {
		this.service = service;
		this.versions = versions;
		this.preferences = preferences;
		this.summary = new OperationConsole(summary);
		this.dfuUtil = new DfuUtilStep(versions, preferences, this.summary, new DfuUtilSlots(Integer.MAX_VALUE),
				new WhereTheBoardIs(service));
	}

	/** The boards the settings select now, once USB lists them; an error when one of them is not there. */
	public List<Board> boards(FlashSettings settings, IProgressMonitor monitor) throws OperationException {
		return settings.board().selectAll(UsbListing.await(service, monitor).boards());
	}

	/**
	 * Flashes the boards, each with its {@link BoardProcess} from {@code runs}, and returns how each came out, in their
	 * order. Throws only what stops every board before any is touched: dfu-util missing or cancelled then.
	 */
	public List<BoardOutcome> run(FlashSettings settings, List<Board> boards, Function<Board, BoardProcess> runs,
			IProgressMonitor monitor) throws OperationException {
		SubMonitor progress = SubMonitor.convert(monitor, NLS.bind(Messages.ParallelFlash_task, Integer.valueOf(boards.size())),
				boards.size() + 1);
		dfuUtil.locate(progress.split(1));
		int turns = Math.min(preferences.parallelDfuUtil(), boards.size());
		summary.info(NLS.bind(Messages.ParallelFlash_boards, new Object[] { Integer.valueOf(boards.size()),
				String.join(", ", boards.stream().map(board -> board.device().location().portPath()).toList()), //$NON-NLS-1$
				Integer.valueOf(turns) }));
		DfuUtilSlots slots = new DfuUtilSlots(turns);
		AtomicBoolean stopAll = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(boards.size(), task -> {
			Thread thread = new Thread(task, "DFU Flash of several boards"); //$NON-NLS-1$
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<CompletableFuture<BoardOutcome>> outcomes = new ArrayList<>();
			for (Board board : boards) {
				BoardProcess run = runs.apply(board);
				Optional<String> holder = service.busyBoards().holder(board.id());
				if (holder.isPresent()) {
					BoardOutcome skipped = BoardOutcome.skipped(board, NLS.bind(Messages.ParallelFlash_busy, board.label(),
							holder.get()));
					run.console().err(skipped.message());
					run.ended(skipped);
					outcomes.add(CompletableFuture.completedFuture(skipped));
					continue;
				}
				outcomes.add(CompletableFuture.supplyAsync(() -> flash(settings, board, run, slots, stopAll), threads));
			}
			List<BoardOutcome> ended = new ArrayList<>();
			for (CompletableFuture<BoardOutcome> outcome : outcomes) {
				ended.add(await(outcome, monitor, stopAll));
				progress.worked(1);
			}
			return ended;
		} finally {
			threads.shutdown();
		}
	}

	/** One board's flash on its own thread; whatever happens becomes its outcome. */
	private BoardOutcome flash(FlashSettings settings, Board board, BoardProcess run, DfuUtilSlots slots, AtomicBoolean stopAll) {
		long start = System.nanoTime();
		BoardOutcome outcome;
		try {
			FlashSettings one = settings.withBoard(BoardSelector.as(BoardSelector.Kind.PORT, board));
			FlashReport report = new FlashOperation(service, versions, preferences, run.console(), slots, one).execute(new NullProgressMonitor() {
				@Override
				public boolean isCanceled() {
					return stopAll.get() || run.cancelRequested();
				}
			});
			outcome = BoardOutcome.flashed(board, report);
		} catch (OperationException e) {
			run.console().err(e.getMessage());
			outcome = BoardOutcome.notFlashed(board, e, StepTimes.since(start));
		} catch (RuntimeException e) {
			// A defect in one board's flash must not take the others down: it is that board's failure.
			String message = NLS.bind(Messages.ParallelFlash_crashed, e);
			run.console().err(message);
			outcome = BoardOutcome.notFlashed(board, new OperationException(message, e), StepTimes.since(start));
		}
		run.ended(outcome);
		return outcome;
	}

	/** The board's outcome once it has one; a cancelled launch stops every board and still waits for each to end. */
	private static BoardOutcome await(CompletableFuture<BoardOutcome> outcome, IProgressMonitor monitor, AtomicBoolean stopAll) {
		try {
			return CancellableWait.until(nanos -> {
				try {
					return outcome.get(nanos, TimeUnit.NANOSECONDS);
				} catch (TimeoutException e) {
					return null; // still running
				} catch (ExecutionException e) {
					throw new IllegalStateException(e.getCause()); // flash() turns every failure into an outcome
				}
			}, CancellableWait.NO_DEADLINE, monitor).orElseThrow();
		} catch (OperationCanceledException e) {
			stopAll.set(true);
		} catch (InterruptedException e) {
			stopAll.set(true);
			Thread.currentThread().interrupt();
		}
		// Each flash ends within its own bounds once stopped; its outcome is still wanted.
		return outcome.join();
	}
}
