package org.dfutools.eclipse.tests.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.launch.SaveLaunchConfiguration;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.FlashLaunches.Outcome;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Save Firmware from Board with the real dfu-util on the bench: what it saves flashes back (save, flash another
 * image, flash the saved file, and the memory is the first image's again), a board found in run-time mode is started
 * again and one found in DFU mode is left there, and the refusals leave the chosen file as it was.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class SaveFromBoardOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	/** 128 KiB: four 16 KiB pages and one of 64 KiB. */
	private static final String LAYOUT = "@Internal Flash  /0x08000000/04*016Kg,01*064Kg";
	private static final int MEMORY = 0x2_0000;

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);

	@TempDir
	Path folder;

	@ParameterizedTest
	@ValueSource(strings = { "runtime", "dfu" })
	void aDfuSeBoardSavedAsDfuFlashesBackToTheFirstImage(String startMode) throws Exception {
		Path flash = folder.resolve("dfuse.bin");
		String serial = "SAVE-" + startMode.toUpperCase();
		String port = BENCH.attach("""
				{"name": "save-%s", "start_mode": "%s", "runtime": {"vid": "0x0483", "pid": "0x57d0", "serial": "%s",
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
				 "dfu": {"vid": "0x0483", "pid": "0xdfd1", "functional": {"attributes": "0x0b", "version": "0x011a"},
				   "alts": [{"name": "%s", "output": "%s", "upload_file": "%s"}]}}
				""".formatted(startMode, startMode, serial, LAYOUT, flash, image("first.bin", 100 * 1024, 1)));
		try {
			BoardSelector board = new BoardSelector(BoardSelector.Kind.SERIAL, serial);
			// What the board holds before the save: the first image, erased beyond it.
			byte[] first = memory(folder.resolve("first.bin"));

			Path saved = folder.resolve("saved.dfu");
			Outcome save = save(board, "", "", saved);
			assertNull(save.failure(), () -> save.failure().getMessage() + "\n" + save.output());
			assertTrue(save.output().contains("-s 0x08000000:131072 -U "), save.output());
			assertTrue(save.output().contains("Read 0x08000000-0x0801FFFF (131072 bytes); saved to " + saved), save.output());
			FirmwareImage file = FirmwareFiles.read(saved);
			assertTrue(file.dfuSeContainer(), "a DfuSe file");
			assertEquals("0483:dfd1", file.suffix().orElseThrow().id().toString(), "the board's DFU-mode IDs");
			assertBoardIn(serial, !startMode.equals("dfu"), "where the save found it");
			assertTrue(save.output().contains(startMode.equals("dfu") ? "After:  left in DFU mode, as it was found" : "After:  "),
					save.output());

			assertFlashed(flash(board, image("second.bin", 20 * 1024, 2), "0x08000000"));
			assertFalse(Arrays.equals(first, memory(flash)), "the second image changed the memory");
			assertFlashed(flash(board, saved, ""));
			assertArrayEquals(first, memory(flash), "the saved file brought the first image back");

			Path range = folder.resolve("range.bin");
			Outcome part = save(board, "0x08004000", "4096", range);
			assertNull(part.failure(), () -> part.failure().getMessage() + "\n" + part.output());
			assertArrayEquals(Arrays.copyOfRange(first, 0x4000, 0x5000), Files.readAllBytes(range));
			assertTrue(part.output().contains("-s 0x08004000:4096 -U ")
					&& part.output().contains("It flashes back with DFU Flash at the DfuSe address 0x08004000"), part.output());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aPlainDfuBoardSavedAsBinFlashesBackToTheFirstImage() throws Exception {
		Path flash = folder.resolve("plain.bin");
		String port = BENCH.attach("""
				{"name": "save-plain", "runtime": {"pid": "0x00d2", "serial": "SAVE-PLAIN",
				   "functional": {"attributes": "0x07", "detach_timeout": 255}},
				 "dfu": {"pid": "0x00d3", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(flash));
		try {
			BoardSelector board = new BoardSelector(BoardSelector.Kind.SERIAL, "SAVE-PLAIN");
			byte[] first = Files.readAllBytes(image("first.bin", 40 * 1024, 3));
			assertFlashed(flash(board, folder.resolve("first.bin"), ""));

			Path saved = folder.resolve("plain-saved.bin");
			Outcome save = save(board, "", "", saved);
			assertNull(save.failure(), () -> save.failure().getMessage() + "\n" + save.output());
			assertArrayEquals(first, Files.readAllBytes(saved), "everything the bootloader sent");
			assertBoardIn("SAVE-PLAIN", true, "started again after the save");

			assertFlashed(flash(board, image("second.bin", 20 * 1024, 4), ""));
			assertFlashed(flash(board, saved, ""));
			assertArrayEquals(first, Files.readAllBytes(flash), "the saved file brought the first image back");

			// dfu-util reads until the bootloader's short block (its -Z only sizes the progress bar): the file keeps the start.
			Outcome limited = save(board, "", "4096", folder.resolve("first-4k.dfu"));
			assertNull(limited.failure(), () -> limited.failure().getMessage() + "\n" + limited.output());
			assertTrue(limited.output().contains(" -Z 4096 -U "), limited.output());
			assertArrayEquals(Arrays.copyOf(first, 4096), Arrays.copyOf(Files.readAllBytes(folder.resolve("first-4k.dfu")), 4096));
			FirmwareImage withSuffix = FirmwareFiles.read(folder.resolve("first-4k.dfu"));
			assertEquals(4096, withSuffix.size());
			assertEquals("1209:00d3", withSuffix.suffix().orElseThrow().id().toString(), "the board's DFU-mode IDs");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/** STM32 RDP level 1: the upload STALLs and the board reports errVENDOR; the file is left as it was. */
	@Test
	void readOutProtectionIsNamedAndTheFileIsLeftAsItWas() throws Exception {
		String port = BENCH.attach("""
				{"name": "save-rdp", "runtime": {"vid": "0x0483", "pid": "0x57d4", "serial": "SAVE-RDP",
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
				 "dfu": {"vid": "0x0483", "pid": "0xdfd5", "functional": {"attributes": "0x0b", "version": "0x011a"},
				   "alts": [{"name": "%s"}]},
				 "behaviour": {"read_protected": true}}
				""".formatted(LAYOUT));
		try {
			Path saved = Files.writeString(folder.resolve("kept.dfu"), "what was there", StandardCharsets.US_ASCII);
			Outcome save = save(new BoardSelector(BoardSelector.Kind.SERIAL, "SAVE-RDP"), "", "", saved);
			assertNotNull(save.failure(), save.output());
			String message = save.failure().getMessage();
			assertTrue(message.contains("refused to be read: its bootloader answered the upload with errVENDOR")
					&& message.contains("read-out protection (RDP)"), message);
			assertTrue(message.endsWith("The board was started in its application again."), message);
			assertEquals("what was there", Files.readString(saved, StandardCharsets.US_ASCII));
			assertBoardIn("SAVE-RDP", true, "sent back to its application");
			assertEquals(List.of(saved), listed(folder), "no partial file beside it");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void aBoardThatCannotUploadIsRefusedBeforeItIsTouched() throws Exception {
		String port = BENCH.attach("""
				{"name": "save-no-upload", "runtime": {"pid": "0x00d6", "serial": "SAVE-NOUP",
				   "functional": {"attributes": "0x05", "detach_timeout": 255}},
				 "dfu": {"pid": "0x00d7", "alts": [{"name": "Flash"}]}}
				""");
		try {
			long from = System.nanoTime();
			Path saved = folder.resolve("never.bin");
			Outcome save = save(new BoardSelector(BoardSelector.Kind.SERIAL, "SAVE-NOUP"), "", "", saved);
			assertNotNull(save.failure(), save.output());
			assertTrue(save.failure().getMessage().contains("does not set bitCanUpload"), save.failure().getMessage());
			assertFalse(Files.exists(saved));
			assertBoardIn("SAVE-NOUP", true, "untouched");
			if (BenchLog.isPresent()) {
				assertEquals(List.of(), BenchLog.touchedPorts(from), "a port was touched");
			}
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	private static Outcome save(BoardSelector board, String address, String length, Path file) throws Exception {
		return FlashLaunches.run(FlashLaunches.save(new SaveLaunchConfiguration.Values(board, "0", address, length, file.toString())),
				new NullProgressMonitor(), LIMIT);
	}

	private static Outcome flash(BoardSelector board, Path file, String address) throws Exception {
		FlashConfiguration values = FlashConfigurationBuilder.of(board, file).dfuseAddress(address).build();
		return FlashLaunches.run(FlashLaunches.configuration("save-round-trip", values), new NullProgressMonitor(), LIMIT);
	}

	private Path image(String name, int size, long seed) throws Exception {
		return Files.write(folder.resolve(name), Firmware.image(size, seed));
	}

	/** The board's memory as a read sees it: what the bench wrote, erased (0xFF) beyond. */
	private static byte[] memory(Path flash) throws Exception {
		byte[] written = Files.readAllBytes(flash);
		byte[] memory = Arrays.copyOf(written, Math.max(MEMORY, written.length));
		Arrays.fill(memory, written.length, memory.length, (byte) 0xFF);
		return memory;
	}

	private static void assertFlashed(Outcome outcome) {
		assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
	}

	private static void assertBoardIn(String serial, boolean runtime, String why) {
		Board board = BENCH.get().registry.boards().stream().filter(b -> b.device().serial().equals(serial)).findFirst().orElseThrow();
		assertEquals(runtime, board.attached() && !board.mode().isDfuMode(), why + ": " + board);
	}

	private static List<Path> listed(Path folder) throws Exception {
		try (var files = Files.list(folder)) {
			return files.filter(file -> file.getFileName().toString().startsWith(".kept") || file.getFileName().toString().equals("kept.dfu"))
					.toList();
		}
	}}
