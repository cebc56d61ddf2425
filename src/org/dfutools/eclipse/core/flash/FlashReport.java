package org.dfutools.eclipse.core.flash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.core.operation.BoardPlace;
import org.dfutools.eclipse.core.operation.OperationReport;
import org.dfutools.eclipse.core.operation.StepTimes;

/**
 * What a flash did: each step with its duration, the bytes written, and the board before and after.
 *
 * @param after the board back in run-time mode; empty when the flash did not wait for it
 * @param place where the board was when the flash ended: in run-time mode when it was waited for
 */
public record FlashReport(Board before, Optional<Board> after, BoardPlace place, long bytesWritten, boolean verified,
		List<StepTimes.Step> steps, Duration total) implements OperationReport {

	public FlashReport {
		steps = List.copyOf(steps);
	}

	@Override
	public List<String> summaryLines() {
		List<String> lines = new ArrayList<>();
		lines.add(Messages.FlashReport_title);
		for (StepTimes.Step step : steps) {
			lines.add(NLS.bind(Messages.FlashReport_step, padded(step.name()), Long.valueOf(step.duration().toMillis())));
		}
		lines.add(NLS.bind(Messages.FlashReport_step, padded(Messages.FlashReport_total), Long.valueOf(total.toMillis())));
		lines.add(NLS.bind(verified ? Messages.FlashReport_bytesVerified : Messages.FlashReport_bytes, Long.valueOf(bytesWritten)));
		lines.add(NLS.bind(Messages.FlashReport_before, before.describe()));
		lines.add(after.map(board -> NLS.bind(Messages.FlashReport_after, board.describe()))
				.orElse(Messages.FlashReport_notWaited));
		return lines;
	}

	private static String padded(String name) {
		return String.format("%-22s", name); //$NON-NLS-1$
	}
}
