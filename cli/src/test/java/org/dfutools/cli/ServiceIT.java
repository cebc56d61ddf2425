package org.dfutools.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/** dfu-tools serve driven by a JSON-RPC client: requests, notifications, cancel, and a client that goes away. */
class ServiceIT extends OnTheBench {

	private static final Duration LIMIT = Duration.ofSeconds(30);

	private String board(String serial, String extra) throws Exception {
		return bench.attach(serial, """
				{"name": "%s", "runtime": {"pid": "0x0d01", "serial": "%s"}, "dfu": {"pid": "0x0d02",
				 "alts": [{"name": "Flash", "output": "%s"}]%s}}
				""".formatted(serial, serial, folder.resolve(serial + ".written"), extra));
	}

	private static JsonObject params(String... pairs) {
		JsonObject params = new JsonObject();
		for (int i = 0; i < pairs.length; i += 2) {
			params.addProperty(pairs[i], pairs[i + 1]);
		}
		return params;
	}

	private static JsonObject answer(CompletableFuture<JsonObject> request) throws Exception {
		return request.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
	}

	@Test
	void requestsAreAnsweredAndBoardsAndStepsAreNotified() throws Exception {
		try (ServiceConnection service = ServiceConnection.start()) {
			assertEquals(0, answer(service.server.list()).get("exit").getAsInt());
			String port = board("RPC-1", "");
			long added = service.await(n -> n.method().equals("boards/changed") && n.params().get("event").getAsString().equals("added")
					&& n.params().getAsJsonObject("board").get("port").getAsString().equals(port), LIMIT).params().get("sequence").getAsLong();
			JsonObject listed = answer(service.server.list());
			assertTrue(listed.toString().contains("\"port\":\"" + port + "\""), listed.toString());
			// A list says the last event it includes: a client keeps the events after it (docs/SERVICE.md).
			assertTrue(listed.get("sequence").getAsLong() >= added, listed + " includes event " + added);
			JsonObject rebooted = answer(service.server.reboot(params("board", port, "token", "r1")));
			assertEquals(0, rebooted.get("exit").getAsInt(), rebooted.toString());
			assertEquals("DFU_MODE", rebooted.getAsJsonArray("boards").get(0).getAsJsonObject().get("place").getAsString());
			service.await(n -> n.method().equals("operation/line") && n.params().get("token").getAsString().equals("r1")
					&& n.params().get("line").getAsString().startsWith("DFU_DETACH sent"), LIMIT);
			service.await(n -> n.method().equals("operation/ended") && n.params().get("token").getAsString().equals("r1"), LIMIT);
			service.await(n -> n.method().equals("boards/changed") && n.params().get("event").getAsString().equals("changed")
					&& n.params().getAsJsonObject("board").get("mode").getAsString().equals("DFU"), LIMIT);
			byte[] firmware = new byte[10_000];
			new Random(3).nextBytes(firmware);
			Path file = Files.write(folder.resolve("app.bin"), firmware);
			JsonObject flashed = answer(service.server.flash(params("board", port, "file", file.toString(), "token", "f1")));
			assertEquals(0, flashed.get("exit").getAsInt(), flashed.toString());
			assertArrayEquals(firmware, Files.readAllBytes(folder.resolve("RPC-1.written")));
			service.await(n -> n.method().equals("operation/progress") && n.params().get("token").getAsString().equals("f1"), LIMIT);
			List<Long> numbers = service.boardEvents().stream().map(change -> change.get("sequence").getAsLong()).toList();
			assertEquals(LongStream.rangeClosed(1, numbers.size()).boxed().toList(), numbers, "the events are numbered in order");
		}
	}

	@Test
	void severalBoardsAreRebootedAtOnceAsTheCommandDoes() throws Exception {
		String spec = """
				{"name": "%s", "runtime": {"pid": "0x0d11", "serial": "%s"}, "dfu": {"pid": "0x0d12"},
				 "behaviour": {"reenumerate_delay_ms": 1000}}
				""";
		String first = bench.attach("PAIR-1", spec.formatted("PAIR-1", "PAIR-1"));
		String second = bench.attach("PAIR-2", spec.formatted("PAIR-2", "PAIR-2"));
		try (ServiceConnection service = ServiceConnection.start()) {
			JsonObject rebooted = answer(service.server.reboot(params("board", "every:1209:0d11", "token", "both")));
			assertEquals(0, rebooted.get("exit").getAsInt(), rebooted.toString());
			assertEquals(2, rebooted.getAsJsonArray("boards").size(), rebooted.toString());
			assertEquals(first, rebooted.getAsJsonArray("boards").get(0).getAsJsonObject().get("port").getAsString(), "each result names its port");
			assertEquals(second, rebooted.getAsJsonArray("boards").get(1).getAsJsonObject().get("port").getAsString());
			// At once: each board was being rebooted before either had come back in DFU mode.
			List<String> lines = service.seen().stream().filter(n -> n.method().equals("operation/line"))
					.map(n -> n.params().get("port").getAsString() + " " + n.params().get("line").getAsString()).toList();
			int firstBack = lines.indexOf(lines.stream().filter(line -> line.contains("DFU_DETACH sent")).findFirst().orElseThrow());
			for (String port : List.of(first, second)) {
				assertTrue(lines.subList(0, firstBack).stream().anyMatch(line -> line.startsWith(port + " Rebooting")),
						port + " was not being rebooted before a board came back: " + lines);
			}
		}
	}

	@Test
	void aBadValueIsInvalidParams() throws Exception {
		Path file = Files.write(folder.resolve("app.bin"), new byte[1024]);
		try (ServiceConnection service = ServiceConnection.start()) {
			ExecutionException e = assertThrows(ExecutionException.class,
					() -> answer(service.server.flash(params("board", "1-1", "file", file.toString(), "address", "nowhere"))));
			ResponseErrorException error = (ResponseErrorException) e.getCause();
			assertEquals(-32602, error.getResponseError().getCode());
			assertTrue(error.getMessage().contains("is not a DfuSe address"), error.getMessage());
		}
	}

	@Test
	void aCancelledFlashEndsWithTheBoardInAKnownPlace() throws Exception {
		String port = board("RPC-SLOW", ", \"poll_timeout\": 50");
		Path file = Files.write(folder.resolve("big.bin"), new byte[256 * 1024]);
		try (ServiceConnection service = ServiceConnection.start()) {
			CompletableFuture<JsonObject> flash = service.server.flash(params("board", port, "file", file.toString(), "token", "c1"));
			service.await(n -> n.method().equals("operation/line") && n.params().get("line").getAsString().startsWith("Download"), LIMIT);
			flash.cancel(true);
			assertThrows(CancellationException.class, () -> flash.get(1, TimeUnit.SECONDS));
			JsonObject end = service.await(n -> n.method().equals("operation/ended")
					&& n.params().get("token").getAsString().equals("c1"), LIMIT).params();
			JsonObject result = end.getAsJsonObject("result");
			assertEquals(130, result.get("exit").getAsInt(), end.toString());
			JsonObject board = result.getAsJsonArray("boards").get(0).getAsJsonObject();
			assertEquals("cancelled", board.get("status").getAsString());
			assertTrue(board.get("message").getAsString().contains("The board is"), board.toString());
		}
	}

	@Test
	void aClientThatGoesAwayMidFlashLeavesNoBoardHalfWay() throws Exception {
		String port = board("RPC-GONE", ", \"poll_timeout\": 50");
		Path file = Files.write(folder.resolve("big.bin"), new byte[256 * 1024]);
		ServiceConnection service = ServiceConnection.start();
		service.server.flash(params("board", port, "file", file.toString()));
		service.await(n -> n.method().equals("operation/line") && n.params().get("line").getAsString().startsWith("Download"), LIMIT);
		service.disconnect();
		assertTrue(service.process.process().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the service did not end");
		assertEquals(0, service.process.process().exitValue());
		assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(file.toString())),
				"a dfu-util run outlived the service");
		DfuToolsRun listed = DfuToolsRun.of("list", "--json");
		assertTrue(listed.out().contains("\"port\": \"" + port + "\""), "the board is not on the bus: " + listed);
	}

	@Test
	void aServiceStoppedBySignalMidFlashEndsItFirst() throws Exception {
		String port = board("RPC-TERM", ", \"poll_timeout\": 50");
		Path file = Files.write(folder.resolve("big.bin"), new byte[256 * 1024]);
		ServiceConnection service = ServiceConnection.start();
		service.server.flash(params("board", port, "file", file.toString(), "token", "t1"));
		service.await(n -> n.method().equals("operation/line") && n.params().get("line").getAsString().startsWith("Download"), LIMIT);
		new ProcessBuilder("kill", "-TERM", Long.toString(service.process.process().pid())).start().waitFor();
		assertTrue(service.process.process().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the service did not end");
		JsonObject end = service.await(n -> n.method().equals("operation/ended"), LIMIT).params();
		assertEquals(130, end.getAsJsonObject("result").get("exit").getAsInt(), end.toString());
		assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(file.toString())),
				"a dfu-util run outlived the service");
	}
}
