package org.dfutools.eclipse.core.flash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.WhereTheBoardIs;
import org.eclipse.osgi.util.NLS;

/** How a flash of several boards came out, as its first console ends it: a line per board, the totals, and the failures. */
public final class ParallelFlashSummary {

	private final WhereTheBoardIs whereabouts;

	public ParallelFlashSummary(WhereTheBoardIs whereabouts) {
		this.whereabouts = whereabouts;
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
			Optional<Board> attached = whereabouts.now(outcome.board());
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
