package org.dfutools.cli;

import java.util.List;

import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.device.UdevRule;
import org.dfutools.eclipse.core.dfuutil.DfuUtilArguments;
import org.dfutools.eclipse.core.flash.FlashReport;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationReport;
import org.dfutools.eclipse.core.operation.StepTimes;
import org.dfutools.eclipse.core.save.SaveReport;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The JSON of boards and of operations' results, as `--json` prints them and the service sends them (docs/COMMAND-LINE.md). */
public final class JsonOf {

	private JsonOf() {
	}

	/** A board as the DFU Devices view shows it: its columns, its other mode's IDs, its problems. */
	public static JsonObject board(Board board) {
		JsonObject json = new JsonObject();
		json.addProperty("name", board.device().displayName());
		json.addProperty("id", board.device().id().toString());
		json.addProperty("mode", board.mode().name());
		if (board.device().entersDfuByTouch()) {
			json.addProperty("entersDfuBy", "touch");
		}
		json.addProperty("serialPort", Boolean.valueOf(board.hasSerialPort()));
		json.addProperty("serial", board.device().serial());
		json.addProperty("port", board.device().location().portPath());
		board.runtimeId().ifPresent(id -> json.addProperty("runtimeId", id.toString()));
		board.dfuId().ifPresent(id -> json.addProperty("dfuId", id.toString()));
		board.device().functional().ifPresent(functional -> functional(json, functional));
		JsonArray problems = new JsonArray();
		board.device().problems().stream().map(DeviceProblem::message).forEach(problems::add);
		json.add("problems", problems);
		json.addProperty("attached", Boolean.valueOf(board.attached()));
		return json;
	}

	private static void functional(JsonObject json, FunctionalDescriptor functional) {
		json.addProperty("dfuVersion", functional.versionText());
		json.addProperty("detachTimeoutMs", Integer.valueOf(functional.detachTimeoutMs()));
		json.addProperty("transferSize", Integer.valueOf(functional.transferSize()));
		JsonArray attributes = new JsonArray();
		functional.attributeWords().forEach(attributes::add);
		json.add("attributes", attributes);
	}

	/** The dfu-util options that pick the board among the attached ones: as a list, and as one command line. */
	public static JsonObject arguments(Board board, List<Board> attached) {
		List<String> arguments = DfuUtilArguments.forBoard(board, attached);
		JsonObject json = new JsonObject();
		json.add("board", board(board));
		JsonArray list = new JsonArray();
		arguments.forEach(list::add);
		json.add("arguments", list);
		json.addProperty("commandLine", DfuUtilArguments.asCommandLine(arguments));
		return json;
	}

	/** The udev rule that lets the logged-in user open the board in both of its modes. */
	public static JsonObject udevRule(Board board) {
		JsonObject json = new JsonObject();
		json.add("board", board(board));
		json.addProperty("rule", UdevRule.forBoard(board));
		return json;
	}

	/** What an operation did and where it left the board. */
	public static JsonObject report(OperationReport report) {
		JsonObject json = new JsonObject();
		json.addProperty("status", "done");
		json.addProperty("place", report.place().name());
		json.add("before", board(report.before()));
		report.after().ifPresent(after -> json.add("after", board(after)));
		json.addProperty("totalMs", Long.valueOf(report.total().toMillis()));
		if (report instanceof FlashReport flash) {
			json.addProperty("bytesWritten", Long.valueOf(flash.bytesWritten()));
			json.addProperty("verified", Boolean.valueOf(flash.verified()));
			JsonArray steps = new JsonArray();
			for (StepTimes.Step step : flash.steps()) {
				JsonObject one = new JsonObject();
				one.addProperty("name", step.name());
				one.addProperty("ms", Long.valueOf(step.duration().toMillis()));
				steps.add(one);
			}
			json.add("steps", steps);
		} else if (report instanceof SaveReport save) {
			json.addProperty("file", save.file().toString());
			json.addProperty("fileBytes", Long.valueOf(save.fileBytes()));
			json.addProperty("read", save.read());
		} else if (report instanceof ModeReport mode) {
			json.addProperty("switchedMs", Long.valueOf(mode.switched().toMillis()));
		}
		JsonArray summary = new JsonArray();
		report.summaryLines().forEach(summary::add);
		json.add("summary", summary);
		return json;
	}

	/** A command's whole result: its name, its exit status, each board's result, and why it stopped before any board. */
	public static JsonObject document(String command, ExitStatus exit, JsonArray boards, String message) {
		JsonObject document = new JsonObject();
		document.addProperty("command", command);
		document.addProperty("exit", Integer.valueOf(exit.code()));
		if (message != null) {
			document.addProperty("message", message);
		}
		document.add("boards", boards);
		return document;
	}

	/** Why an operation stopped, where it left the board, and the exit status it means. */
	public static JsonObject failure(OperationException failure) {
		JsonObject json = new JsonObject();
		json.addProperty("status", failure.isCancelled() ? "cancelled" : "failed");
		json.addProperty("place", failure.place().name());
		json.addProperty("stoppedAt", failure.stoppedAt().name());
		json.addProperty("message", failure.getMessage());
		json.addProperty("exit", Integer.valueOf(ExitStatus.of(failure).code()));
		return json;
	}
}
