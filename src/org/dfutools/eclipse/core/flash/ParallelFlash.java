package org.dfutools.eclipse.core.flash;

import java.time.Duration;
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

/**
 * Flashes every board a configuration names at once, each through the whole chain on a thread of its own and with
 * dfu-util on exactly that board by its port: a failure on one board never stops or disturbs the others, a board
 * that another operation holds is skipped, and the dfu-util runs take turns when the preference allows fewer at
 * once than there are boards. Each board's console and Terminate are its own; the launch's monitor stops them all.
 */
public final class ParallelFlash {

	private final DfuDeviceService service;
	private final DfuUtilVersions versions;
	private final FlashTools tools;
	private final BoardSteps steps;

	/** @param summary the console of the whole launch: the boards found, and the summary */
	public ParallelFlash(DfuDeviceService service, DfuUtilVersions versions, FlashTools tools, DfuUtilConsole summary) {
		this.service = service;
		this.versions = versions;
		this.tools = tools;
		this.steps = new BoardSteps(service, versions, tools, summary,
				new BoardSteps.Statuses(Messages.FlashChain_statusDetaching, Messages.FlashChain_statusReturning),
				new DfuUtilSlots(Integer.MAX_VALUE));
	}

	/** The boards the settings select now, once USB lists them; an error when one of them is not there. */
	public List<Board> boards(FlashSettings settings, IProgressMonitor monitor) throws FlashException {
		return settings.board().selectAll(steps.awaitListing(monitor).boards());
	}

	/**
	 * Flashes the boards, each with its {@link BoardRun} from {@code runs}, and returns how each came out, in their
	 * order. Throws only what stops every board before any is touched: dfu-util missing or cancelled then.
	 */
	public List<BoardOutcome> run(FlashSettings settings, List<Board> boards, Function<Board, BoardRun> runs,
			IProgressMonitor monitor) throws FlashException {
		SubMonitor progress = SubMonitor.convert(monitor, NLS.bind(Messages.ParallelFlash_task, Integer.valueOf(boards.size())),
				boards.size() + 1);
		steps.dfuUtil(progress.split(1));
		int turns = Math.min(tools.parallelDfuUtil(), boards.size());
		steps.info(NLS.bind(Messages.ParallelFlash_boards, new Object[] { Integer.valueOf(boards.size()),
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
				BoardRun run = runs.apply(board);
				Optional<String> holder = service.busyBoards().holder(board.id());
				if (holder.isPresent()) {
					BoardOutcome skipped = BoardOutcome.skipped(board, NLS.bind(Messages.FlashChain_busy, board.label(),
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

	/** One board's chain on its own thread; whatever happens becomes its outcome. */
	private BoardOutcome flash(FlashSettings settings, Board board, BoardRun run, DfuUtilSlots slots, AtomicBoolean stopAll) {
		long start = System.nanoTime();
		BoardOutcome outcome;
		try {
			FlashSettings one = settings.withBoard(BoardSelector.as(BoardSelector.Kind.PORT, board));
			FlashReport report = new FlashChain(service, versions, tools, run.console(), slots).run(one, new NullProgressMonitor() {
				@Override
				public boolean isCanceled() {
					return stopAll.get() || run.cancelRequested();
				}
			});
			outcome = BoardOutcome.flashed(board, report);
		} catch (FlashException e) {
			run.console().err(e.getMessage());
			outcome = BoardOutcome.notFlashed(board, e, BoardSteps.since(start));
		} catch (RuntimeException e) {
			// A defect in one board's chain must not take the others down: it is that board's failure.
			String message = NLS.bind(Messages.ParallelFlash_crashed, e);
			run.console().err(message);
			outcome = BoardOutcome.notFlashed(board, new FlashException(message, e), BoardSteps.since(start));
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
		// Each chain ends within its own bounds once stopped; its outcome is still wanted.
		return outcome.join();
	}

	/** Why the boards could not all be flashed: empty when every one was. */
	public static Optional<String> failures(List<BoardOutcome> outcomes) {
		List<String> failed = outcomes.stream().filter(outcome -> outcome.result() == BoardOutcome.Result.FAILED
				|| outcome.result() == BoardOutcome.Result.SKIPPED)
				.map(outcome -> outcome.board().device().location().portPath() + ": " + outcome.message()).toList(); //$NON-NLS-1$
		return failed.isEmpty() ? Optional.empty()
				: Optional.of(NLS.bind(Messages.ParallelFlash_failed, new Object[] { Integer.valueOf(failed.size()),
						Integer.valueOf(outcomes.size()), String.join(System.lineSeparator(), failed) }));
	}

	/** The summary the launch's console ends with: one line per board, then the totals. */
	public List<String> summaryLines(List<BoardOutcome> outcomes, Duration total) {
		List<String> lines = new ArrayList<>();
		lines.add(NLS.bind(Messages.ParallelFlash_summary, new Object[] { Integer.valueOf(outcomes.size()),
				Long.valueOf(count(outcomes, BoardOutcome.Result.FLASHED)), Long.valueOf(count(outcomes, BoardOutcome.Result.FAILED)),
				Long.valueOf(count(outcomes, BoardOutcome.Result.SKIPPED)), Long.valueOf(count(outcomes, BoardOutcome.Result.CANCELLED)),
				Long.valueOf(total.toMillis()) }));
		List<String> inDfuMode = new ArrayList<>();
		for (BoardOutcome outcome : outcomes) {
			Optional<Board> attached = steps.now(outcome.board());
			if (attached.filter(board -> board.mode().isDfuMode()).isPresent()) {
				inDfuMode.add(outcome.board().device().location().portPath());
			}
			String now = attached
					.map(board -> board.mode().isDfuMode() ? Messages.ParallelFlash_nowDfu : Messages.ParallelFlash_nowRuntime)
					.orElse(Messages.ParallelFlash_nowGone);
			String why = outcome.result() == BoardOutcome.Result.FLASHED ? "" : ": " + firstSentence(outcome.message()); //$NON-NLS-1$ //$NON-NLS-2$
			lines.add(String.format("  %-10s %-9s %7d ms %9d bytes  %s%s", outcome.board().device().location().portPath(), //$NON-NLS-1$
					resultName(outcome.result()), Long.valueOf(outcome.duration().toMillis()), Long.valueOf(outcome.bytesWritten()), now, why));
		}
		if (!inDfuMode.isEmpty()) {
			lines.add(NLS.bind(Messages.ParallelFlash_leftInDfu, String.join(", ", inDfuMode))); //$NON-NLS-1$
		}
		return lines;
	}

	private static long count(List<BoardOutcome> outcomes, BoardOutcome.Result result) {
		return outcomes.stream().filter(outcome -> outcome.result() == result).count();
	}

	private static String resultName(BoardOutcome.Result result) {
		return switch (result) {
		case FLASHED -> Messages.ParallelFlash_flashed;
		case FAILED -> Messages.ParallelFlash_failedOne;
		case CANCELLED -> Messages.ParallelFlash_cancelled;
		case SKIPPED -> Messages.ParallelFlash_skipped;
		};
	}

	/** A failure's first sentence: the rest (what to do, where the board is) is in the board's own console. */
	private static String firstSentence(String message) {
		int end = message.indexOf(". "); //$NON-NLS-1$
		return end < 0 ? message : message.substring(0, end + 1);
	}
}
