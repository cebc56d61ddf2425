package org.dfutools.cli;

import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationReport;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The boards' results of one command, as they come, and the exit status they make: the worst of them. */
final class Results {

	private final JsonArray boards = new JsonArray();
	private ExitStatus exit = ExitStatus.DONE;

	JsonObject done(OperationReport report) {
		JsonObject result = JsonOf.report(report);
		boards.add(result);
		return result;
	}

	JsonObject failed(OperationException failure) {
		JsonObject result = JsonOf.failure(failure);
		boards.add(result);
		exit = exit.worse(ExitStatus.of(failure));
		return result;
	}

	/** A board's result of another kind (skipped, the arguments for it), with the exit status it means. */
	void add(JsonObject result, ExitStatus status) {
		boards.add(result);
		exit = exit.worse(status);
	}

	/** The results of another run of the same command (the boards of a flash of several). */
	void addAll(Results other) {
		boards.addAll(other.boards);
		exit = exit.worse(other.exit);
	}

	/** Each board's result, in order. */
	JsonArray boards() {
		return boards.deepCopy();
	}

	ExitStatus exit() {
		return exit;
	}

	JsonObject document(String command) {
		return JsonOf.document(command, exit, boards, null);
	}
}
