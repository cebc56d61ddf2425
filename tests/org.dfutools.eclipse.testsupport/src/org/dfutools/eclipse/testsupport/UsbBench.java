package org.dfutools.eclipse.testsupport;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Client of the simulated USB bench (testbench/usbsim) that the tests run inside: attaches and
 * detaches simulated boards through the control socket named by {@code USBSIM_CONTROL}.
 */
public final class UsbBench {

	public static final String CONTROL_VARIABLE = "USBSIM_CONTROL";
	private static final Duration REPLY_LIMIT = Duration.ofSeconds(15);

	private UsbBench() {
	}

	/** Whether the tests run inside the bench. */
	public static boolean isPresent() {
		String path = System.getenv(CONTROL_VARIABLE);
		return path != null && !path.isEmpty();
	}

	/** Attaches a board described by a spec (JSON, see testbench/README.md); returns its port path. */
	public static String attach(String specJson) throws IOException {
		Path spec = Files.createTempFile("usbsim-spec", ".json");
		Files.writeString(spec, specJson);
		List<String> reply = command("attach " + spec.toAbsolutePath());
		String last = reply.get(reply.size() - 1);
		return last.substring("ok ".length()).trim();
	}

	public static void detach(String port) throws IOException {
		command("detach " + port);
	}

	/** One line per attached board, as the bench describes it. */
	public static List<String> list() throws IOException {
		List<String> reply = command("list");
		return reply.subList(0, reply.size() - 1);
	}

	/** Sends one command; returns the reply lines, the last being "ok ...". Fails on "error" or silence. */
	public static List<String> command(String line) throws IOException {
		String path = System.getenv(CONTROL_VARIABLE);
		if (path == null) {
			throw new IOException("not running inside testbench/usbsim (" + CONTROL_VARIABLE + " is not set)");
		}
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
			channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
			Future<List<String>> reply = executor.submit(() -> readReply(channel));
			try {
				List<String> lines = reply.get(REPLY_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
				String last = lines.get(lines.size() - 1);
				if (!last.startsWith("ok")) {
					throw new IOException("bench answered '" + line + "' with: " + String.join(" | ", lines));
				}
				return lines;
			} catch (TimeoutException e) {
				throw new IOException("bench did not answer '" + line + "' within " + REPLY_LIMIT, e);
			} catch (ExecutionException e) {
				throw new IOException("bench connection failed: " + e.getCause(), e.getCause());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while waiting for the bench", e);
			}
		} finally {
			executor.shutdownNow();
		}
	}

	private static List<String> readReply(SocketChannel channel) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		var in = Channels.newInputStream(channel);
		int next;
		while ((next = in.read()) >= 0) {
			if (next != '\n') {
				current.append((char) next);
				continue;
			}
			String text = current.toString();
			current.setLength(0);
			lines.add(text);
			if (text.startsWith("ok") || text.startsWith("error")) {
				return lines;
			}
		}
		lines.add("error: connection closed");
		return lines;
	}
}
