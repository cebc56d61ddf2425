package org.dfutools.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationReport;
import org.eclipse.core.runtime.IProgressMonitor;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every command on boards shares: the settings, {@code --json}, the core for the command's length, Ctrl-C, and
 * how a result or a failure is printed and becomes the exit status.
 */
abstract class BoardCommand implements Callable<Integer> {

	@Mixin
	ToolSettings settings;

	@Option(names = "--json", description = "Print the result as JSON on standard output; the steps go to standard error.")
	boolean json;

	protected Terminal terminal;
	protected CommandMonitor monitor;

	@Override
	public final Integer call() {
		terminal = new Terminal(json ? System.err : System.out, !json && System.console() != null);
		monitor = new CommandMonitor(terminal);
		CtrlC.cancels(monitor, terminal);
		try (Session session = new Session(settings.preferences(), settings.touchBoards())) {
			return Integer.valueOf(run(session).code());
		} catch (UsageException e) {
			System.err.println("dfu-tools: " + e.getMessage()); //$NON-NLS-1$
			return Integer.valueOf(ExitStatus.USAGE.code());
		} finally {
			terminal.ended();
		}
	}

	/** Runs the command; the exit status. */
	protected abstract ExitStatus run(Session session) throws UsageException;

	/** Where an operation writes its steps and dfu-util's output. */
	protected DfuUtilConsole console() {
		return new DfuUtilConsole() {
			@Override
			public void out(String text) {
				terminal.text(text);
			}

			@Override
			public void err(String line) {
				terminal.line(line);
			}
		};
	}

	/** One operation on a board, ready to run: what a command runs for each board it names. */
	@FunctionalInterface
	protected interface Operation {
		OperationReport execute(IProgressMonitor monitor) throws OperationException;
	}

	/** Runs the operations one after the other, each result printed as it comes; the worst exit status. */
	protected ExitStatus runEach(String command, List<Operation> operations) {
		Results results = new Results();
		for (Operation operation : operations) {
			try {
				shown(results.done(operation.execute(monitor)));
			} catch (OperationException e) {
				shown(results.failed(e));
			}
		}
		return printed(command, results);
	}

	/** Where one board's operation writes, among several at once: its lines prefixed by its port. */
	protected DfuUtilConsole consoleOf(Board board) {
		String prefix = "[" + board.device().location().portPath() + "] "; //$NON-NLS-1$ //$NON-NLS-2$
		return new DfuUtilConsole() {
			@Override
			public void out(String text) {
				terminal.text(text, prefix);
			}

			@Override
			public void err(String line) {
				terminal.line(prefix + line);
			}
		};
	}

	/** One board's result, as a person reads it: the summary of a done operation, the message of a failed one. */
	protected void shown(JsonObject result) {
		terminal.ended();
		if (result.has("message")) { //$NON-NLS-1$
			System.err.println("dfu-tools: " + result.get("message").getAsString()); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (!json && result.has("summary")) { //$NON-NLS-1$
			result.getAsJsonArray("summary").forEach(line -> terminal.line(line.getAsString())); //$NON-NLS-1$
		}
	}

	/** The results' JSON document, with --json; their exit status. */
	protected ExitStatus printed(String command, Results results) {
		if (json) {
			print(results.document(command));
		}
		return results.exit();
	}

	/** A failure before any board was chosen: printed, and its exit status. */
	protected ExitStatus stopped(String command, OperationException failure) {
		terminal.ended();
		System.err.println("dfu-tools: " + failure.getMessage()); //$NON-NLS-1$
		printResult(command, ExitStatus.of(failure), new JsonArray(), failure.getMessage());
		return ExitStatus.of(failure);
	}

	/** The JSON document of the command's result, with --json. */
	protected void printResult(String command, ExitStatus exit, JsonArray boards, String message) {
		if (!json) {
			return;
		}
		print(JsonOf.document(command, exit, boards, message));
	}

	protected static void print(JsonElement json) {
		System.out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json));
		System.out.flush();
	}
}
