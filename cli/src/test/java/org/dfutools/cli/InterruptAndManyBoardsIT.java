package org.dfutools.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;

/** Ctrl-C in the middle of a flash, and a flash of several boards at once. */
class InterruptAndManyBoardsIT extends OnTheBench {


	private String board(String serial, String pid, String extra) throws Exception {
		return bench.attach(serial, """
				{"name": "%s", "runtime": {"pid": "%s", "serial": "%s"}, "dfu": {"pid": "0x0c02",
				 "alts": [{"name": "Flash", "output": "%s"}]%s}}
				""".formatted(serial, pid, serial, folder.resolve(serial + ".written"), extra));
	}

	@Test
	void ctrlCStopsAFlashLikeTerminateAndSaysWhereTheBoardIs() throws Exception {
		// 50 ms per 2 KiB block: 256 KiB take over 6 s.
		String port = board("SLOW-1", "0x0c01", ", \"poll_timeout\": 50");
		Path file = Files.write(folder.resolve("big.bin"), new byte[256 * 1024]);
		DfuToolsRun.Running flash = DfuToolsRun.Running.start("flash", file.toString(), "-b", port);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!flash.outputSoFar().contains("Download\t[") && System.nanoTime() < deadline) {
			Thread.sleep(50); // the test waits for the process's output, which comes with no event to wait on
		}
		assertTrue(flash.outputSoFar().contains("Download\t["), "the download never started: " + flash.outputSoFar());
		long interrupted = System.nanoTime();
		new ProcessBuilder("kill", "-INT", Long.toString(flash.process().pid())).start().waitFor();
		DfuToolsRun ended = flash.ended();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interrupted);
		assertEquals(130, ended.exit(), ended.toString());
		assertTrue(ended.err().contains("The board is"), "where the board was left: " + ended);
		assertTrue(millis < 10_000, "stopped " + millis + " ms after Ctrl-C");
		assertTrue(ProcessHandle.allProcesses().noneMatch(process -> process.info().commandLine().orElse("")
				.contains(folder.toString())), "a dfu-util run outlived the command");
	}

	@Test
	void everyBoardWithAnIdIsFlashedAtOnce() throws Exception {
		board("MANY-1", "0x0c11", "");
		board("MANY-2", "0x0c11", "");
		byte[] firmware = new byte[30_000];
		new Random(11).nextBytes(firmware);
		Path file = Files.write(folder.resolve("app.bin"), firmware);
		DfuToolsRun flash = DfuToolsRun.of("flash", file.toString(), "-b", "every:1209:0c11", "--json");
		assertEquals(0, flash.exit(), flash.toString());
		JsonArray boards = flash.json().getAsJsonArray("boards");
		assertEquals(2, boards.size(), flash.toString());
		assertArrayEquals(firmware, Files.readAllBytes(folder.resolve("MANY-1.written")));
		assertArrayEquals(firmware, Files.readAllBytes(folder.resolve("MANY-2.written")));
	}

	@Test
	void severalBoardsAreRebootedAtOnceAndStartedAgain() throws Exception {
		String first = board("PAIR-1", "0x0c21", "");
		String second = board("PAIR-2", "0x0c21", "");
		DfuToolsRun reboot = DfuToolsRun.of("reboot", "every:1209:0c21", "--json");
		assertEquals(0, reboot.exit(), reboot.toString());
		JsonArray boards = reboot.json().getAsJsonArray("boards");
		assertEquals(2, boards.size(), reboot.toString());
		for (int i = 0; i < 2; i++) {
			assertEquals("DFU_MODE", boards.get(i).getAsJsonObject().get("place").getAsString(), reboot.toString());
		}
		assertTrue(reboot.err().contains("[" + first + "] ") && reboot.err().contains("[" + second + "] "),
				"each board's lines name its port: " + reboot);
		DfuToolsRun start = DfuToolsRun.of("start", first + "," + second);
		assertEquals(0, start.exit(), start.toString());
		assertEquals(2, start.out().lines().filter(line -> line.startsWith("  After:") && line.contains("run-time mode")).count(),
				start.toString());
	}
}
