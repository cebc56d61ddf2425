package org.dfutools.eclipse.core.flash;

import java.time.Duration;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.OperationException;

/**
 * How one board of a flash of several came out.
 *
 * @param report  what the flash did, when the board was flashed
 * @param message why it was not: the flash's failure (which ends with where the board was left), or why it was skipped
 * @param failure the flash's failure itself, with where the board was left, when it failed or was cancelled
 */
public record BoardOutcome(Board board, Result result, Optional<FlashReport> report, String message, Duration duration,
		Optional<OperationException> failure) {

	public enum Result {
		FLASHED, FAILED, CANCELLED, SKIPPED
	}

	static BoardOutcome flashed(Board board, FlashReport report) {
		return new BoardOutcome(board, Result.FLASHED, Optional.of(report), "", report.total(), Optional.empty()); //$NON-NLS-1$
	}

	static BoardOutcome notFlashed(Board board, OperationException failure, Duration duration) {
		return new BoardOutcome(board, failure.isCancelled() ? Result.CANCELLED : Result.FAILED, Optional.empty(),
				failure.getMessage(), duration, Optional.of(failure));
	}

	static BoardOutcome skipped(Board board, String why) {
		return new BoardOutcome(board, Result.SKIPPED, Optional.empty(), why, Duration.ZERO, Optional.empty());
	}

	/** The bytes written to the board: none unless it was flashed. */
	public long bytesWritten() {
		return report.map(FlashReport::bytesWritten).orElse(Long.valueOf(0)).longValue();
	}
}
