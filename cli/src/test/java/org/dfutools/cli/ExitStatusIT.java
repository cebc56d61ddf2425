package org.dfutools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Each documented exit status, from the bad input that means it, with a message that says what to do. */
class ExitStatusIT extends OnTheBench {


	private String board(String serial, String behaviour) throws Exception {
		return bench.attach(serial, """
				{"name": "%s", "runtime": {"pid": "0x0b01", "serial": "%s"}, "dfu": {"pid": "0x0b02"}, "behaviour": {%s}}
				""".formatted(serial, serial, behaviour));
	}

	private Path firmware() throws Exception {
		return Files.write(folder.resolve("fw.bin"), new byte[4096]);
	}

	@Test
	void anOptionThatDoesNotExistIsBadUsage() throws Exception {
		DfuToolsRun run = DfuToolsRun.of("flash", firmware().toString(), "-b", "1-1", "--frobnicate");
		assertEquals(2, run.exit(), run.toString());
		assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.toString());
		DfuToolsRun badValue = DfuToolsRun.of("flash", firmware().toString(), "-b", "1-1", "--address", "nowhere");
		assertEquals(2, badValue.exit(), badValue.toString());
		assertTrue(badValue.err().contains("\"nowhere\" is not a DfuSe address"), badValue.toString());
		// A command that is not one: the usage that lists every command, as --help does.
		DfuToolsRun unknown = DfuToolsRun.of("nosuch", firmware().toString());
		DfuToolsRun help = DfuToolsRun.of("--help");
		assertEquals(2, unknown.exit(), unknown.toString());
		assertEquals(0, help.exit(), help.toString());
		for (String command : List.of("list", "reboot", "start", "flash", "save", "args", "udev-rule", "serve")) {
			assertTrue(unknown.err().contains("\n  " + command + " "), command + " is not listed: " + unknown);
			assertTrue(help.out().contains("\n  " + command + " "), command + " is not listed: " + help);
		}
	}

	@Test
	void aMissingOrGarbageFileIsABadFile() throws Exception {
		board("FILE-1", "");
		DfuToolsRun missing = DfuToolsRun.of("flash", folder.resolve("none.bin").toString(), "-b", "FILE-1");
		assertEquals(3, missing.exit(), missing.toString());
		assertTrue(missing.err().contains("does not exist"), missing.toString());
		Path garbage = Files.writeString(folder.resolve("app.hex"), "this is not Intel HEX\n");
		DfuToolsRun bad = DfuToolsRun.of("flash", garbage.toString(), "-b", "FILE-1", "--json");
		assertEquals(3, bad.exit(), bad.toString());
		assertEquals("UNTOUCHED", bad.json().getAsJsonArray("boards").get(0).getAsJsonObject().get("place").getAsString());
	}

	@Test
	void anUnknownOrAmbiguousBoardIsNoBoard() throws Exception {
		String first = board("TWIN", "");
		String second = board("TWIN", "");
		DfuToolsRun unknown = DfuToolsRun.of("reboot", "NO-SUCH-BOARD");
		assertEquals(4, unknown.exit(), unknown.toString());
		assertTrue(unknown.err().contains("No attached board has serial number \"NO-SUCH-BOARD\""), unknown.toString());
		DfuToolsRun ambiguous = DfuToolsRun.of("reboot", "TWIN");
		assertEquals(4, ambiguous.exit(), ambiguous.toString());
		assertTrue(ambiguous.err().contains(first) && ambiguous.err().contains(second), "the candidates' ports: " + ambiguous);
	}

	@Test
	void aBoardInTheWrongModeOrAMissingDfuUtilIsRefusedUntouched() throws Exception {
		String port = board("REFUSE-1", "");
		DfuToolsRun start = DfuToolsRun.of("start", port);
		assertEquals(5, start.exit(), start.toString());
		assertTrue(start.err().contains("is not in DFU mode"), start.toString());
		DfuToolsRun noDfuUtil = DfuToolsRun.of("flash", firmware().toString(), "-b", port, "--dfu-util", "/nonexistent/dfu-util");
		assertEquals(5, noDfuUtil.exit(), noDfuUtil.toString());
		assertTrue(noDfuUtil.err().contains("/nonexistent/dfu-util"), noDfuUtil.toString());
		DfuToolsRun listed = DfuToolsRun.of("list", "--json");
		assertTrue(listed.out().contains("\"mode\": \"RUNTIME\""), "the board was touched: " + listed);
	}

	@Test
	void aFailureThatLeavesTheBoardInDfuModeSaysSoAndHowBack() throws Exception {
		String port = board("VERIFY-1", "\"manifest_error\": \"errVERIFY\"");
		DfuToolsRun flash = DfuToolsRun.of("flash", firmware().toString(), "-b", port, "--json");
		assertEquals(6, flash.exit(), flash.toString());
		JsonObjectAssert.placeIs(flash, "DFU_MODE");
		assertTrue(flash.err().contains("Start Application"), "the way back: " + flash);
	}
}
