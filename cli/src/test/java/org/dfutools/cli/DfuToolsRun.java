package org.dfutools.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** How one run of the installed command line (bin/dfu-tools of the build's archive) ended, as a script sees it. */
record DfuToolsRun(int exit, String out, String err) {

	static final Duration LIMIT = Duration.ofSeconds(60);

	/** Runs the command to its end. */
	static DfuToolsRun of(String... arguments) throws IOException, InterruptedException {
		return Running.start(arguments).ended();
	}

	/** Runs the command to its end with this PATH (the launcher found on the tests' own). */
	static DfuToolsRun withPath(String path, String... arguments) throws IOException, InterruptedException {
		return Running.start(false, installed(), path, arguments).ended();
	}

	/** Runs another copy of the command ({@code bin/dfu-tools} of a copy of the archive) with this PATH. */
	static DfuToolsRun copyWithPath(Path command, String path, String... arguments) throws IOException, InterruptedException {
		return Running.start(false, command, path, arguments).ended();
	}

	/** The installed command, which the build unpacked (system property dfutools.cli). */
	static Path installed() {
		return Path.of(System.getProperty("dfutools.cli", "target/dfu-tools/bin/dfu-tools"));
	}

	/** Standard output as the JSON document that --json prints. */
	JsonObject json() {
		return JsonParser.parseString(out).getAsJsonObject();
	}

	@Override
	public String toString() {
		return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
	}

	/** The command while it runs: its process and where its output goes. */
	record Running(Process process, Path out, Path err) {

		/** The installed command, which the build unpacked (system property dfutools.cli), on the tests' Java. */
		static Running start(String... arguments) throws IOException {
			return start(false, installed(), null, arguments);
		}

		/** The same, its standard input and output piped to the test (a client of {@code serve}). */
		static Running startPiped(String... arguments) throws IOException {
			return start(true, installed(), null, arguments);
		}

		private static Running start(boolean piped, Path dfuTools, String path, String... arguments) throws IOException {
			// Started as a terminal starts its foreground job, SIGINT at its default: a suite started as a script's
			// background job has it ignored, which every process it starts would inherit (and Ctrl-C would not reach).
			// The system's Python by its path: the PATH may be the test's own, and a version manager's shim a script.
			Path python = Files.isExecutable(Path.of("/usr/bin/python3")) ? Path.of("/usr/bin/python3") : onPath("python3");
			List<String> command = new ArrayList<>(List.of(python.toString(), "-c",
					"import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"));
			command.add(dfuTools.toString());
			command.addAll(List.of(arguments));
			ProcessBuilder builder = new ProcessBuilder(command);
			builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
			if (path != null) {
				builder.environment().put("PATH", path);
			}
			Path out = Files.createTempFile("dfu-tools", ".out");
			Path err = Files.createTempFile("dfu-tools", ".err");
			builder.redirectError(err.toFile());
			if (!piped) {
				builder.redirectOutput(out.toFile());
			}
			return new Running(builder.start(), out, err);
		}

		/** A program on the tests' own PATH. */
		static Path onPath(String program) {
			for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
				Path candidate = Path.of(folder.isEmpty() ? "." : folder, program);
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
			throw new AssertionError(program + " is not on the PATH");
		}

		String errorsSoFar() throws IOException {
			return Files.readString(err, StandardCharsets.UTF_8);
		}

		String outputSoFar() throws IOException {
			return Files.readString(out, StandardCharsets.UTF_8);
		}

		/** How it ended; fails the test when it does not end within the limit. */
		DfuToolsRun ended() throws IOException, InterruptedException {
			if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("dfu-tools did not end within " + LIMIT + ":\n" + outputSoFar() + errorsSoFar());
			}
			DfuToolsRun run = new DfuToolsRun(process.exitValue(), outputSoFar(), errorsSoFar());
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
			return run;
		}
	}
}
