package org.dfutools.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * dfu-tools as a terminal or a CI script runs it: the installed bin/dfu-tools, on plain Java without OSGi, against
 * the simulated bench with the real libusb and dfu-util. Each test plugs in its own boards.
 */
class CommandLineIT extends OnTheBench {


	private String board(String serial, String extra) throws Exception {
		return bench.attach(serial, """
				{"name": "%s", "runtime": {"pid": "0x0a01", "serial": "%s", "product": "CLI board"}, "dfu": {"pid": "0x0a02",
				 "alts": [{"name": "Flash", "output": "%s"}]}%s}
				""".formatted(serial, serial, folder.resolve(serial + ".written"), extra));
	}

	@Test
	void listShowsTheBoardsAsTextAndAsJson() throws Exception {
		String port = board("LIST-1", "");
		DfuToolsRun text = DfuToolsRun.of("list");
		assertEquals(0, text.exit(), text.toString());
		assertTrue(text.out().lines().anyMatch(line -> line.startsWith("CLI board") && line.contains("1209:0a01")
				&& line.contains("Run-time") && line.contains("LIST-1") && line.contains(port)), text.toString());
		DfuToolsRun json = DfuToolsRun.of("list", "--json");
		assertEquals(0, json.exit(), json.toString());
		JsonObject listed = boardOn(json.json().getAsJsonArray("boards"), port);
		for (String field : new String[] { "name", "id", "mode", "serial", "port", "runtimeId", "dfuVersion", "detachTimeoutMs",
				"transferSize", "attributes", "problems", "attached" }) {
			assertTrue(listed.has(field), field + " missing: " + listed);
		}
		assertEquals("RUNTIME", listed.get("mode").getAsString());
		assertEquals("1209:0a01", listed.get("id").getAsString());
	}

	@Test
	void rebootAndStartFollowTheBoardAndSayWhereTheyLeftIt() throws Exception {
		String port = board("MODES-1", "");
		DfuToolsRun reboot = DfuToolsRun.of("reboot", port, "--json");
		assertEquals(0, reboot.exit(), reboot.toString());
		JsonObject rebooted = reboot.json().getAsJsonArray("boards").get(0).getAsJsonObject();
		assertEquals("DFU_MODE", rebooted.get("place").getAsString());
		assertEquals("1209:0a02", rebooted.getAsJsonObject("after").get("id").getAsString());
		DfuToolsRun start = DfuToolsRun.of("start", "MODES-1");
		assertEquals(0, start.exit(), start.toString());
		assertTrue(start.out().contains("Back in run-time mode after"), start.toString());
		assertTrue(start.out().contains("After:  CLI board [1209:0a01, serial MODES-1] on port " + port + ", run-time mode"),
				start.toString());
	}

	@Test
	void aFlashWritesTheFileToTheBoardAndWaitsForItsApplication() throws Exception {
		String port = board("FLASH-1", "");
		byte[] firmware = new byte[20_000];
		new Random(7).nextBytes(firmware);
		Path file = Files.write(folder.resolve("app.bin"), firmware);
		DfuToolsRun flash = DfuToolsRun.of("flash", file.toString(), "--board", "FLASH-1", "--verify", "--json");
		assertEquals(0, flash.exit(), flash.toString());
		assertArrayEquals(firmware, Files.readAllBytes(folder.resolve("FLASH-1.written")));
		JsonObject result = flash.json().getAsJsonArray("boards").get(0).getAsJsonObject();
		assertEquals("RUNTIME", result.get("place").getAsString());
		assertEquals(20_000, result.get("bytesWritten").getAsLong());
		assertTrue(result.get("verified").getAsBoolean());
		assertEquals(port, result.getAsJsonObject("after").get("port").getAsString());
		assertTrue(flash.err().contains("dfu-util"), "the steps go to standard error with --json: " + flash);
	}

	@Test
	void withoutDfuUtilOnThePathItFlashesWithItsOwn() throws Exception {
		board("OWN-1", "");
		byte[] firmware = new byte[12_000];
		new Random(8).nextBytes(firmware);
		Path file = Files.write(folder.resolve("own.bin"), firmware);
		DfuToolsRun flash = DfuToolsRun.withPath(pathWithoutDfuUtil(), "flash", file.toString(), "--board", "OWN-1");
		assertEquals(0, flash.exit(), flash.toString());
		assertArrayEquals(firmware, Files.readAllBytes(folder.resolve("OWN-1.written")));
		String said = flash.out() + flash.err();
		assertTrue(said.contains("dfu-util 0.11 (bundled with DFU Tools): ") && said.contains("/lib/dfu-util/linux-x86_64/dfu-util"),
				flash.toString());
	}

	/** As VS Code or Theia may unpack the extension's zip: its dfu-util without the execute bit. */
	@Test
	void itsOwnDfuUtilUnpackedWithoutItsExecuteBitIsMadeExecutable() throws Exception {
		Path installed = DfuToolsRun.installed().getParent().getParent();
		Path copy = folder.resolve("unpacked");
		try (Stream<Path> files = Files.walk(installed)) {
			for (Path from : (Iterable<Path>) files::iterator) {
				Files.copy(from, copy.resolve(installed.relativize(from).toString()), StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		Path program = copy.resolve("lib/dfu-util/linux-x86_64/dfu-util");
		Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rw-r--r--"));
		board("UNPACKED-1", "");
		Path file = Files.write(folder.resolve("unpacked.bin"), new byte[4096]);
		DfuToolsRun flash = DfuToolsRun.copyWithPath(copy.resolve("bin/dfu-tools"), pathWithoutDfuUtil(), "flash", file.toString(),
				"--board", "UNPACKED-1");
		assertEquals(0, flash.exit(), flash.toString());
		assertTrue((flash.out() + flash.err()).contains("(bundled with DFU Tools): " + program), flash.toString());
		assertTrue(Files.isExecutable(program));
	}

	/** A PATH with what the launcher and its script run, and no dfu-util. */
	private String pathWithoutDfuUtil() throws Exception {
		Path bin = folder.resolve("bin");
		if (!Files.isDirectory(bin)) {
			Files.createDirectories(bin);
			for (String tool : List.of("bash", "mkdir", "rm", "mv", "dirname", "readlink")) {
				Files.createSymbolicLink(bin.resolve(tool), DfuToolsRun.Running.onPath(tool));
			}
		}
		return bin.toString();
	}

	private static JsonObject boardOn(JsonArray boards, String port) {
		for (int i = 0; i < boards.size(); i++) {
			JsonObject board = boards.get(i).getAsJsonObject();
			if (board.get("port").getAsString().equals(port)) {
				return board;
			}
		}
		throw new AssertionError("no board on " + port + " in " + boards);
	}
}
