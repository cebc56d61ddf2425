package org.dfutools.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.operation.BoardSelector;
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
		try (Session session = new Session(settings.preferences())) {
			return Integer.valueOf(run(session).code());
		} catch (UsageException e) {
			System.err.println("dfu-tools: " + e.getMessage()); //$NON-NLS-1$
			return Integer.valueOf(ExitStatus.USAGE.code());
		} finally {
			terminal.endProgress();
		}
	}

	/** Runs the command; the exit status. */
	protected abstract ExitStatus run(Session session) throws UsageException;

	/** The boards a name selects among the attached ones: one, or several for a list or every:VID:PID. */
	protected static List<Board> select(BoardSelector selector, List<Board> attached) throws OperationException {
		try {
			return selector.many() ? selector.selectAll(attached) : List.of(selector.select(attached));
		} catch (OperationException e) {
			throw e.stoppedAt(OperationException.StoppedAt.BOARD_CHOICE);
		}
	}

	/** Refuses a board name that cannot select a board, as the launch tab does. */
	protected static BoardSelector boardNamed(String name) throws UsageException {
		BoardSelector selector = BoardNames.parse(name);
		if (selector.problem().isPresent()) {
			throw new UsageException(selector.problem().get());
		}
		return selector;
	}

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

	/** One board's result, for the printed summary and the JSON. */
	protected JsonObject done(OperationReport report) {
		terminal.endProgress();
		if (!json) {
			report.summaryLines().forEach(terminal::line);
		}
		return JsonOf.report(report);
	}

	/** One board's failure: its message (which ends with where the board was left), and the JSON. */
	protected JsonObject failed(OperationException failure) {
		terminal.endProgress();
		System.err.println("dfu-tools: " + failure.getMessage()); //$NON-NLS-1$
		return JsonOf.failure(failure);
	}

	/** One operation on a board, ready to run: what a command runs for each board it names. */
	@FunctionalInterface
	protected interface Operation {
		OperationReport execute(IProgressMonitor monitor) throws OperationException;
	}

	/** Runs the operations one after the other, each result printed as it comes; the worst exit status. */
	protected ExitStatus runEach(String command, List<Operation> operations) {
		ExitStatus exit = ExitStatus.DONE;
		JsonArray results = new JsonArray();
		for (Operation operation : operations) {
			try {
				results.add(done(operation.execute(monitor)));
			} catch (OperationException e) {
				results.add(failed(e));
				exit = exit.worse(ExitStatus.of(e));
			}
		}
		printResult(command, exit, results, null);
		return exit;
	}

	/** A failure before any board was chosen: printed, and its exit status. */
	protected ExitStatus stopped(String command, OperationException failure) {
		JsonObject result = failed(failure);
		printResult(command, ExitStatus.of(failure), new JsonArray(), result.get("message").getAsString()); //$NON-NLS-1$
		return ExitStatus.of(failure);
	}

	/** The JSON document of the command's result, with --json. */
	protected void printResult(String command, ExitStatus exit, JsonArray boards, String message) {
		if (!json) {
			return;
		}
		JsonObject document = new JsonObject();
		document.addProperty("command", command); //$NON-NLS-1$
		document.addProperty("exit", Integer.valueOf(exit.code())); //$NON-NLS-1$
		if (message != null) {
			document.addProperty("message", message); //$NON-NLS-1$
		}
		document.add("boards", boards); //$NON-NLS-1$
		print(document);
	}

	protected static void print(JsonElement json) {
		System.out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json));
		System.out.flush();
	}
}
