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

import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.testsupport.ArmBuild;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.FlashLaunches.Outcome;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Build outputs (ELF, Intel HEX, S-record) of a Cortex-M image made by the real GNU toolchain, flashed with the real
 * dfu-util to DfuSe and plain DFU boards on the bench: the board's memory holds objcopy's bytes at each address.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class BuildOutputsFlashOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final String F4_LAYOUT = "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg";

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);

	@TempDir
	static Path built;

	@TempDir
	Path folder;

	private static ArmBuild.Outputs build;
	private static byte[] reference;

	@BeforeAll
	static void buildTheFirmware() throws Exception {
		build = ArmBuild.build(built, false, 0);
		reference = Files.readAllBytes(build.binary());
	}

	/** From run-time mode too: the image is made for the board once it is in DFU mode. */
	@ParameterizedTest
	@ValueSource(strings = { "elf", "hex", "srec", "elf from run-time", "hex verified" })
	void aDfuSeBoardGetsEverySegmentAtItsAddressAndErasedPagesAroundIt(String kind) throws Exception {
		Path flash = folder.resolve("stm32.bin");
		// The old firmware: what is not erased keeps it, so that an erase shows.
		byte[] old = new byte[0x2_0000];
		Arrays.fill(old, (byte) 0xA5);
		Path before = Files.write(folder.resolve("old.bin"), old);
		boolean runtime = kind.contains("run-time");
		String port = BENCH.attach("""
				{"name": "dfuse-%s", "start_mode": "%s", "runtime": {"vid": "0x0483", "pid": "0x57c0", "serial": "ELF-1",
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
				 "dfu": {"vid": "0x0483", "pid": "0xdfc1", "functional": {"attributes": "0x0b", "version": "0x011a"},
				   "alts": [{"name": "%s", "output": "%s", "upload_file": "%s"}]}}
				""".formatted(kind.replace(' ', '-'), runtime ? "runtime" : "dfu", F4_LAYOUT, flash, before));
		try {
			boolean verify = kind.contains("verified");
			Outcome outcome = launch(new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-1"), file(kind.split(" ")[0]), "", verify);
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			byte[] memory = Files.readAllBytes(flash);
			assertEverySegmentWritten(memory);
			// Erased around what was written, in the two pages written: 16 KiB at 0x08000000, 64 KiB at 0x08010000.
			assertErased(memory, 0x58, 0x4000);
			assertErased(memory, 0x1_0010, 0x2_0000);
			assertEquals((byte) 0xA5, memory[0x4000], "a page that was not written was erased");
			assertEquals((byte) 0xA5, memory[0xFFFF], "a page that was not written was erased");
			String console = outcome.output();
			assertTrue(console.contains("Segments: 0x08000000-0x08000057 (88 bytes), 0x08010000-0x0801000F (16 bytes); "
					+ "entry point 0x08000011. Written as a DfuSe file"), console);
			assertTrue(console.contains(verify ? "-D " : "-s :leave -D "), "no address typed: " + console);
			if (verify) {
				assertTrue(console.contains("-s 0x08010000:16:leave -U ")
						&& console.contains("Verified: the 104 bytes of 2 segments read back equal the file."), console);
			}
			assertTrue(console.contains("104 bytes written"), "the summary counts every segment: " + console);
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/**
	 * A file that says where its bytes go, with the DfuSe address typed as well (the image's lowest, which the checks
	 * accept): dfu-util refuses an address beside a DfuSe file, so it gets none. A DfuSe file of the user's (made by
	 * dfu-util's own dfuse-pack) is verified element by element; its alt setting may be typed by the name the dialog shows.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "elf", "hex", "dfuse-pack", "dfuse-pack verified", "dfuse-pack by-name" })
	void aDfuSeFileIsWrittenWithTheDfuSeAddressTyped(String kind) throws Exception {
		Path flash = folder.resolve("typed.bin");
		String port = attachDfuSeBootloader("ELF-8", 0x57c8, 0xdfc9, """
				[{"name": "%s", "output": "%s"}]""".formatted(F4_LAYOUT, flash));
		try {
			Path file = kind.startsWith("dfuse-pack") ? dfusePack(0x0483, 0xdfc9) : file(kind);
			boolean verify = kind.endsWith("verified");
			String alt = kind.endsWith("by-name") ? "Internal Flash" : "0";
			Outcome outcome = launch(new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-8"), file, alt, "0x08000000", verify);
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			byte[] memory = Files.readAllBytes(flash);
			assertEverySegmentWritten(memory);
			String console = outcome.output();
			assertTrue(console.contains(" -a 0 " + (verify ? "-D " : "-s :leave -D ")), "no address beside the file: " + console);
			assertFalse(console.contains("-s 0x08000000 -D") || console.contains("-s 0x08000000:leave -D"), console);
			if (verify) {
				assertTrue(console.contains("Verified: the 104 bytes of 2 segments read back equal the file."), console);
			}
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/** A DfuSe file without an image for the alt setting would make dfu-util write nothing: refused before the board is touched. */
	@Test
	void aDfuSeFileWithoutAnImageForTheAltIsRefused() throws Exception {
		Path flash = folder.resolve("other-alt.bin");
		String port = attachDfuSeBootloader("ELF-9", 0x57ca, 0xdfcb, """
				[{"name": "%s", "output": "%s"}, {"name": "@Config  /0x08010000/01*016Kg"}]""".formatted(F4_LAYOUT, flash));
		try {
			Outcome outcome = launch(new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-9"), dfusePack(0x0483, 0xdfcb), "1", "", false);
			assertRefused(outcome, "app.dfu holds no image for");
			assertRefused(outcome, "alt setting 1 (Config): dfu-util would skip the whole file and write nothing");
			assertFalse(Files.exists(flash), "the board's memory was written");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/** The build's two regions packed by dfu-util's dfuse-pack into a DfuSe file for alt setting 0 and these DFU-mode IDs. */
	private Path dfusePack(int vendorId, int productId) throws Exception {
		Path code = Files.write(folder.resolve("code.bin"), Arrays.copyOf(reference, 0x58));
		Path config = Files.write(folder.resolve("config.bin"),
				Arrays.copyOfRange(reference, (int) (ArmBuild.CONFIG - ArmBuild.FLASH), reference.length));
		Path packed = folder.resolve("app.dfu");
		Process pack = new ProcessBuilder("/usr/bin/dfuse-pack", "-b", "0x08000000:" + code, "-b", "0x08010000:" + config,
				"-D", String.format("0x%04x:0x%04x", vendorId, productId), packed.toString()).redirectErrorStream(true).start();
		String said = new String(pack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, pack.waitFor(), said);
		return packed;
	}

	@ParameterizedTest
	@ValueSource(strings = { "elf", "hex", "srec" })
	void aPlainDfuBoardGetsTheImageLaidOutFromItsLowestAddress(String kind) throws Exception {
		Path flash = folder.resolve("plain.bin");
		String port = BENCH.attach("""
				{"name": "plain-%s", "start_mode": "dfu", "runtime": {"pid": "0x00c6", "serial": "ELF-2"},
				 "dfu": {"pid": "0x00c7", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(kind, flash));
		try {
			Outcome outcome = launch(new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-2"), file(kind), "");
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			byte[] memory = Files.readAllBytes(flash);
			assertEquals(reference.length, memory.length, "from 0x08000000 to the end of the configuration block");
			assertArrayEquals(Arrays.copyOf(reference, 0x58), Arrays.copyOf(memory, 0x58));
			assertErased(memory, 0x58, 0x1_0000);
			assertArrayEquals(Arrays.copyOfRange(reference, 0x1_0000, reference.length),
					Arrays.copyOfRange(memory, 0x1_0000, memory.length));
			assertTrue(outcome.output().contains("Written as one image from 0x08000000 (65552 bytes, gaps filled with 0xFF)"),
					outcome.output());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/** Refused before the board is touched: nothing reaches its memory. */
	@Test
	void segmentsTheBoardCannotHoldAreRefusedBeforeAnythingIsWritten() throws Exception {
		Path flash = folder.resolve("small.bin");
		String port = BENCH.attach("""
				{"name": "small", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x57c2", "serial": "ELF-3",
				   "functional": {"attributes": "0x0b", "version": "0x011a"}},
				 "dfu": {"vid": "0x0483", "pid": "0xdfc3", "functional": {"attributes": "0x0b", "version": "0x011a"},
				   "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg", "output": "%s"},
				            {"name": "@Config  /0x08010000/01*016Ka"}]}}
				""".formatted(flash));
		try {
			BoardSelector board = new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-3");
			assertRefused(launch(board, file("elf"), ""), "app.elf writes 0x08010000-0x0801000F (16 bytes), but 0x08010000 "
					+ "is not in a writable sector of");
			assertRefused(launch(board, file("hex"), "0x08004000"), "app.hex starts at 0x08000000, but the DfuSe address says 0x08004000");
			assertFalse(Files.exists(flash), "the board's memory was written");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/** A segment that another alt setting's memory holds: the refusal names that alt setting, by its layout's name. */
	@Test
	void aSegmentInAnotherAltsMemoryNamesThatAlt() throws Exception {
		String port = BENCH.attach("""
				{"name": "two-alts", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x57c4", "serial": "ELF-5",
				   "functional": {"attributes": "0x0b", "version": "0x011a"}},
				 "dfu": {"vid": "0x0483", "pid": "0xdfc5", "functional": {"attributes": "0x0b", "version": "0x011a"},
				   "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg"}, {"name": "@Config  /0x08010000/01*016Kg"}]}}
				""");
		try {
			assertRefused(launch(new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-5"), file("srec"), ""),
					"app.srec writes 0x08010000-0x0801000F (16 bytes), which is memory of alt setting 1 (Config), not of "
							+ "0 (Internal Flash): choose alt setting 1 (Config)");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/**
	 * What does not fit the memory the board names is refused before anything is written: an image larger than a plain
	 * DFU alt whose name gives its layout, and a .bin that a wrong DfuSe address puts past the flash.
	 */
	@Test
	void imagesLargerThanTheMemoryOrAtAWrongAddressAreRefused() throws Exception {
		Path plain = folder.resolve("plain-4k.bin");
		Path dfuse = folder.resolve("dfuse-f4.bin");
		String small = BENCH.attach("""
				{"name": "plain-4k", "start_mode": "dfu", "runtime": {"pid": "0x00ca", "serial": "ELF-6"},
				 "dfu": {"pid": "0x00cb", "alts": [{"name": "@Flash  /0x08000000/4*1Kg", "output": "%s"}]}}
				""".formatted(plain));
		String f4 = BENCH.attach("""
				{"name": "f4-bin", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x57c6", "serial": "ELF-7",
				   "functional": {"attributes": "0x0b", "version": "0x011a"}},
				 "dfu": {"vid": "0x0483", "pid": "0xdfc7", "functional": {"attributes": "0x0b", "version": "0x011a"},
				   "alts": [{"name": "%s", "output": "%s"}]}}
				""".formatted(F4_LAYOUT, dfuse));
		try {
			BoardSelector plainBoard = new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-6");
			assertRefused(launch(plainBoard, file("elf"), ""), "app.elf.bin is 65552 bytes, but");
			assertRefused(launch(plainBoard, file("elf"), ""), "holds 4096 bytes (its name says @Flash  /0x08000000/4*1Kg)");
			Path bin = Files.write(folder.resolve("eight.bin"), new byte[8192]);
			assertRefused(launch(plainBoard, bin, ""), "eight.bin is 8192 bytes, but");
			assertFalse(Files.exists(plain), "the board's memory was written");

			BoardSelector f4Board = new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-7");
			assertRefused(launch(f4Board, bin, "0x080FF000"), "eight.bin from the DfuSe address covers 0x080FF000-0x08100FFF "
					+ "(8192 bytes), but 0x08100000 is not in a writable sector");
			assertFalse(Files.exists(dfuse), "the board's memory was written");
			Outcome fits = launch(f4Board, bin, "0x080FE000");
			assertNull(fits.failure(), () -> fits.failure().getMessage() + "\n" + fits.output());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(small, LIMIT);
			BENCH.get().events.detachAndAwaitRemoval(f4, LIMIT);
		}
	}

	@Test
	void dataInRamIsRefusedForAPlainDfuBoard() throws Exception {
		Path flash = folder.resolve("plain-ram.bin");
		String port = BENCH.attach("""
				{"name": "plain-ram", "start_mode": "dfu", "runtime": {"pid": "0x00c8", "serial": "ELF-4"},
				 "dfu": {"pid": "0x00c9", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(flash));
		try {
			// Code at 0x08000000 and data linked to load in RAM at 0x20000000, as an ELF without AT> FLASH gives.
			Path hex = Files.writeString(folder.resolve("ram.hex"), ":020000040800F2\n:0400000001020304F2\n"
					+ ":020000042000DA\n:0400000005060708E2\n:00000001FF\n", StandardCharsets.US_ASCII);
			assertRefused(launch(new BoardSelector(BoardSelector.Kind.SERIAL, "ELF-4"), hex, ""),
					"between 0x08000000-0x08000003 (4 bytes) and 0x20000000-0x20000003 (4 bytes) lies a gap of");
			assertFalse(Files.exists(flash), "the board's memory was written");
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	private static Path file(String kind) {
		return switch (kind) {
		case "elf" -> build.elf();
		case "hex" -> build.hex();
		default -> build.srec();
		};
	}

	/** The board's memory (a file from 0x08000000) holds objcopy's bytes at every segment of the build. */
	private static void assertEverySegmentWritten(byte[] memory) throws Exception {
		for (Segment segment : FirmwareFiles.read(build.elf()).segments().orElseThrow().segments()) {
			int at = (int) (segment.address() - ArmBuild.FLASH);
			assertArrayEquals(Arrays.copyOfRange(reference, at, at + segment.data().length),
					Arrays.copyOfRange(memory, at, at + segment.data().length), segment.range());
		}
	}

	private static void assertErased(byte[] memory, int from, int to) {
		assertTrue(memory.length >= to, "the memory ends at " + memory.length);
		for (int at = from; at < to; at++) {
			int offset = at;
			assertEquals((byte) 0xFF, memory[at], () -> "not erased at offset 0x" + Integer.toHexString(offset));
		}
	}

	private static void assertRefused(Outcome outcome, String expected) {
		assertNotNull(outcome.failure(), outcome.output());
		assertTrue(outcome.failure().getMessage().contains(expected), outcome.failure().getMessage());
	}

	private static Outcome launch(BoardSelector board, Path file, String address) throws Exception {
		return launch(board, file, address, false);
	}

	private static Outcome launch(BoardSelector board, Path file, String address, boolean verify) throws Exception {
		return launch(board, file, "0", address, verify);
	}

	private static Outcome launch(BoardSelector board, Path file, String alt, String address, boolean verify) throws Exception {
		FlashConfiguration values = FlashConfigurationBuilder.of(board, file).alt(alt).dfuseAddress(address).waitForApplication(false)
				.verify(verify).build();
		return FlashLaunches.run(FlashLaunches.configuration("build-output", values), new NullProgressMonitor(), LIMIT);
	}

	/** An STM32-like DfuSe bootloader (0483:dfXX), in DFU mode, with these alt settings (a JSON list). */
	private static String attachDfuSeBootloader(String serial, int runtimePid, int dfuPid, String alts) throws Exception {
		return BENCH.attach("""
				{"name": "%s", "start_mode": "dfu", "runtime": {"vid": "0x0483", "pid": "0x%04x", "serial": "%s",
				   "functional": {"attributes": "0x0b", "version": "0x011a"}},
				 "dfu": {"vid": "0x0483", "pid": "0x%04x", "functional": {"attributes": "0x0b", "version": "0x011a"},
				   "alts": %s}}
				""".formatted(serial.toLowerCase(), Integer.valueOf(runtimePid), serial, Integer.valueOf(dfuPid), alts));
	}}
