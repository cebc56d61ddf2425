package org.dfutools.eclipse.core.mode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.BoardPlace;
import org.dfutools.eclipse.core.operation.OperationReport;
import org.eclipse.osgi.util.NLS;

/**
 * What Reboot to DFU or Start Application did: the board before, the board in the mode it was brought to, and how long
 * the switch took, from the first request to the board's arrival in its new mode.
 */
public record ModeReport(Board before, Board board, Duration switched, Duration total) implements OperationReport {

	@Override
	public Optional<Board> after() {
		return Optional.of(board);
	}

	@Override
	public BoardPlace place() {
		return board.mode().isDfuMode() ? BoardPlace.DFU_MODE : BoardPlace.RUNTIME;
	}

	@Override
	public List<String> summaryLines() {
		return List.of(Messages.ModeReport_title, NLS.bind(Messages.ModeReport_switched, Long.valueOf(switched.toMillis())),
				NLS.bind(Messages.ModeReport_total, Long.valueOf(total.toMillis())), NLS.bind(Messages.ModeReport_before, before.describe()),
				NLS.bind(Messages.ModeReport_after, board.describe()));
	}
}
