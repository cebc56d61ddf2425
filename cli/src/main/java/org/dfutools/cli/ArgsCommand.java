package org.dfutools.cli;

import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.OperationException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "args", description = "Print the dfu-util options that pick exactly this board, in both of its modes.")
final class ArgsCommand extends BoardCommand {

	@Parameters(paramLabel = "BOARD", description = "The board: serial, port (1-2), VID:PID, several separated by commas, or every:VID:PID.")
	String board;

	@Override
	protected ExitStatus run(Session session) throws UsageException {
		List<Board> attached;
		List<Board> boards;
		try {
			attached = session.boards(monitor);
			boards = BoardNames.select(BoardNames.named(board), attached);
		} catch (OperationException e) {
			return stopped("args", e); //$NON-NLS-1$
		}
		JsonArray results = new JsonArray();
		for (Board one : boards) {
			JsonObject result = JsonOf.arguments(one, attached);
			if (!json) {
				System.out.println(result.get("commandLine").getAsString()); //$NON-NLS-1$
			}
			results.add(result);
		}
		printResult("args", ExitStatus.DONE, results, null); //$NON-NLS-1$
		return ExitStatus.DONE;
	}
}
