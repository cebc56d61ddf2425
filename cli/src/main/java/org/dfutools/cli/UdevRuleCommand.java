package org.dfutools.cli;

import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.OperationException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "udev-rule", description = "Print a udev rule that lets the logged-in user open the board in both of its modes (Linux).")
final class UdevRuleCommand extends BoardCommand {

	@Parameters(paramLabel = "BOARD", description = "The board: serial, port (1-2), VID:PID, several separated by commas, or every:VID:PID.")
	String board;

	@Override
	protected ExitStatus run(Session session) throws UsageException {
		List<Board> boards;
		try {
			boards = BoardNames.select(BoardNames.named(board), session.boards(monitor));
		} catch (OperationException e) {
			return stopped("udev-rule", e); //$NON-NLS-1$
		}
		JsonArray results = new JsonArray();
		for (Board one : boards) {
			JsonObject result = JsonOf.udevRule(one);
			if (!json) {
				System.out.print(result.get("rule").getAsString()); //$NON-NLS-1$
			}
			results.add(result);
		}
		printResult("udev-rule", ExitStatus.DONE, results, null); //$NON-NLS-1$
		return ExitStatus.DONE;
	}
}
