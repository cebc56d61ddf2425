package org.dfutools.cli;

import java.time.Duration;
import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.OperationException;

import picocli.CommandLine.Parameters;

/** Reboot to DFU or Start Application of the named boards: several at once, as a flash of several. */
abstract class ModeCommand extends BoardCommand {

	@Parameters(paramLabel = "BOARD", description = "The board: serial, port (1-2), VID:PID, several separated by commas, or every:VID:PID.")
	String board;

	private final ModeChange change;

	ModeCommand(ModeChange change) {
		this.change = change;
	}

	@Override
	protected final ExitStatus run(Session session) throws UsageException {
		List<Board> boards;
		try {
			boards = BoardNames.select(BoardNames.named(board), session.boards(monitor));
		} catch (OperationException e) {
			return stopped(change.command(), e);
		}
		if (boards.size() == 1) {
			return runEach(change.command(),
					List.of(change.on(session, boards.get(0), console(), settings.applicationTimeout())::execute));
		}
		Duration applicationTimeout = settings.applicationTimeout();
		try {
			Results results = ModeOfSeveral.run(change, boards, one -> change.on(session, one, consoleOf(one), applicationTimeout), monitor);
			results.boards().forEach(result -> shown(result.getAsJsonObject()));
			return printed(change.command(), results);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return ExitStatus.CANCELLED;
		}
	}
}
