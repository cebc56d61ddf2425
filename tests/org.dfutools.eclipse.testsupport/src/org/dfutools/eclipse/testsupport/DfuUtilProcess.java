package org.dfutools.eclipse.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the dfu-util on the PATH directly, as a reference beside what the plugin does. */
public final class DfuUtilProcess {

	/** How dfu-util ended: its exit status and all it printed (standard output and error together). */
	public record Result(int exitValue, String output) {
	}

	private DfuUtilProcess() {
	}

	/**
	 * Runs dfu-util with these arguments to its end. Its output goes to a file, not a pipe, so that the
	 * bound holds even when it prints nothing and never ends: then it is killed and the call fails.
	 */
	public static Result run(List<String> arguments, Duration limit) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add("dfu-util");
		command.addAll(arguments);
		File output = File.createTempFile("dfu-util", ".txt");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
			if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				throw new AssertionError("dfu-util hung for " + limit + ": " + command);
			}
			return new Result(process.exitValue(), Files.readString(output.toPath()));
		} finally {
			Files.deleteIfExists(output.toPath());
		}
	}
}
