package org.dfutools.cli;

import java.util.List;
import java.util.function.Function;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.flash.BoardOutcome;
import org.dfutools.eclipse.core.flash.BoardProcess;
import org.dfutools.eclipse.core.flash.FlashSettings;
import org.dfutools.eclipse.core.flash.ParallelFlash;
import org.dfutools.eclipse.core.operation.OperationException;
import org.eclipse.core.runtime.IProgressMonitor;

import com.google.gson.JsonObject;

/** Every board a flash names at once (the core's ParallelFlash), each board with its own console; their results. */
final class FlashOfSeveral {

	private FlashOfSeveral() {
	}

	/** Throws only what stops every board before any is touched (no such boards, dfu-util missing, cancelled). */
	static Results run(Session session, FlashSettings settings, DfuUtilConsole summary, Function<Board, DfuUtilConsole> consoles,
			IProgressMonitor monitor) throws OperationException {
		ParallelFlash flash = new ParallelFlash(session.service(), session.versions(), session.preferences(), summary);
		List<Board> boards;
		try {
			boards = flash.boards(settings, monitor);
		} catch (OperationException e) {
			throw e.stoppedAt(OperationException.StoppedAt.BOARD_CHOICE);
		}
		Results results = new Results();
		for (BoardOutcome outcome : flash.run(settings, boards, board -> BoardProcess.writingTo(consoles.apply(board)), monitor)) {
			JsonObject result;
			if (outcome.report().isPresent()) {
				result = results.done(outcome.report().get());
			} else if (outcome.failure().isPresent()) {
				result = results.failed(outcome.failure().get());
			} else {
				result = new JsonObject();
				result.addProperty("status", "skipped"); //$NON-NLS-1$ //$NON-NLS-2$
				result.addProperty("message", outcome.message()); //$NON-NLS-1$
				results.add(result, ExitStatus.REFUSED);
			}
			result.addProperty("port", outcome.board().device().location().portPath()); //$NON-NLS-1$
		}
		return results;
	}
}
