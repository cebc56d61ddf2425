package org.dfutools.eclipse.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dfutools.eclipse.core.dfuutil.ToolProcess;
import org.eclipse.core.runtime.NullProgressMonitor;

/** Runs the dfu-util on the PATH directly, as a reference beside what the plugin does. */
public final class DfuUtilProcess {

	/** How dfu-util ended: its exit status and what it printed (standard output and error together, the first 64 KiB). */
	public record Result(int exitValue, String output) {
	}

	private DfuUtilProcess() {
	}

	/**
	 * Runs dfu-util with these arguments to its end, the way the plugin runs it ({@link ToolProcess}); one that
	 * does not end within the limit is killed, and the call fails.
	 */
	public static Result run(List<String> arguments, Duration limit) throws IOException {
		List<String> command = new ArrayList<>();
		command.add("dfu-util");
		command.addAll(arguments);
		try {
			ToolProcess.Ended ended = ToolProcess.run(command, limit, new NullProgressMonitor(), text -> {
			}, () -> {
			});
			return new Result(ended.exitStatus(), ended.output());
		} catch (ToolProcess.TimedOut e) {
			throw new AssertionError("dfu-util hung for " + limit + ": " + command, e);
		}
	}
}
