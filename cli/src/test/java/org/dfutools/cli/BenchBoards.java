package org.dfutools.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Boards plugged into the simulated bench the tests run in (testbench/usbsim) through its control socket, and
 * pulled out again when the test ends.
 */
final class BenchBoards implements AutoCloseable {

	private final Path folder;
	private final List<String> ports = new ArrayList<>();

	BenchBoards(Path folder) {
		this.folder = folder;
	}

	/** Plugs in a board made from its JSON spec; its port. */
	String attach(String name, String spec) throws IOException, InterruptedException {
		Path file = folder.resolve(name + ".json");
		Files.writeString(file, spec, StandardCharsets.UTF_8);
		String answer = control("attach", file.toString());
		if (!answer.startsWith("ok ")) {
			throw new AssertionError("the bench did not attach " + name + ": " + answer);
		}
		String port = answer.substring(3).strip();
		ports.add(port);
		return port;
	}

	void detach(String port) throws IOException, InterruptedException {
		ports.remove(port);
		control("detach", port);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		for (String port : List.copyOf(ports)) {
			detach(port);
		}
	}

	private static String control(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("dfutools.root", "..")).resolve("testbench/usbsim-ctl").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("usbsim-ctl " + String.join(" ", arguments) + " did not answer");
		}
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
	}
}
