package org.dfutools.cli;

import java.util.ArrayList;
import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.operation.BoardOperation;
import org.dfutools.eclipse.core.operation.OperationException;

import picocli.CommandLine.Parameters;

/** Reboot to DFU or Start Application of the named boards, one after the other. */
abstract class ModeCommand extends BoardCommand {

	@Parameters(paramLabel = "BOARD", description = "The board: serial, port (1-2), VID:PID, several separated by commas, or every:VID:PID.")
	String board;

	@Override
	protected final ExitStatus run(Session session) throws UsageException {
		List<Board> boards;
		try {
			boards = BoardNames.select(BoardNames.named(board), session.boards(monitor));
		} catch (OperationException e) {
			return stopped(name(), e);
		}
		List<Operation> operations = new ArrayList<>();
		for (Board one : boards) {
			operations.add(operation(session, one)::execute);
		}
		return runEach(name(), operations);
	}

	/** The command's name, as typed. */
	protected abstract String name();

	/** The operation on one board, chosen as it is when the operation starts. */
	protected abstract BoardOperation<ModeReport> operation(Session session, Board board) throws UsageException;
}
