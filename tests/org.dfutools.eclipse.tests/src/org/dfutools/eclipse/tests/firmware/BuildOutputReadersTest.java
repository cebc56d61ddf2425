package org.dfutools.eclipse.tests.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import org.dfutools.eclipse.core.firmware.AddressedImage;
import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.firmware.FirmwareException;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.testsupport.ArmBuild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ELF, Intel HEX and S-record readers against the real GNU toolchain: a Cortex-M image built in the test run,
 * and objcopy's binary, HEX and S-record files of it as the reference for every byte at every address.
 */
class BuildOutputReadersTest {

	@TempDir
	Path folder;

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void everyFormatOfOneBuildHoldsObjcopysBytesAtObjcopysAddresses(boolean bigEndian) throws Exception {
		ArmBuild.Outputs build = ArmBuild.build(folder, bigEndian, 0);
		byte[] reference = Files.readAllBytes(build.binary());
		AddressedImage elf = segments(build.elf(), Files.readAllBytes(build.elf()));
		AddressedImage hex = segments(build.hex(), Files.readAllBytes(build.hex()));
		AddressedImage srec = segments(build.srec(), Files.readAllBytes(build.srec()));
		for (AddressedImage image : List.of(elf, hex, srec)) {
			// Code and the load image of the initialised data are one segment; the configuration block is another.
			assertEquals(2, image.segments().size(), image.segments().toString());
			assertEquals(ArmBuild.FLASH, image.lowest());
			assertEquals(ArmBuild.CONFIG, image.segments().get(1).address());
			assertEquals(OptionalLong.of(0x0800_0011L), image.entryPoint(), "the reset handler, with its Thumb bit");
			for (Segment segment : image.segments()) {
				int at = (int) (segment.address() - ArmBuild.FLASH);
				assertArrayEquals(Arrays.copyOfRange(reference, at, at + segment.data().length), segment.data(), segment.range());
			}
			// The RAM run address of the data and the uninitialised data are not in it.
			assertTrue(image.end() < 0x2000_0000L);
		}
		assertEquals(0x34 + 0x24, elf.segments().get(0).data().length, "code and the data's load image, adjacent");
		for (int index = 0; index < 2; index++) {
			assertArrayEquals(elf.segments().get(index).data(), hex.segments().get(index).data());
			assertArrayEquals(elf.segments().get(index).data(), srec.segments().get(index).data());
		}
	}

	@Test
	void a64BitElfIsReadAtItsPhysicalAddresses() throws Exception {
		byte[] code = "sixty-four bit load".getBytes(StandardCharsets.US_ASCII);
		byte[] elf = elf64(0x0800_0000L, code, 0x1_0000_0000L - code.length);
		AddressedImage image = segments(Path.of("wide.elf"), elf);
		assertEquals(List.of(0xFFFF_FFEDL), image.segments().stream().map(Segment::address).toList());
		assertArrayEquals(code, image.segments().get(0).data());
		assertEquals(OptionalLong.of(0x0800_0000L), image.entryPoint());
	}

	/**
	 * An ELF with its debug information (here 40 MiB after the program) is read from the file at its headers and
	 * segments only, with the same result as from its bytes; the same refusals come from a file cut short.
	 */
	@Test
	void anElfFileIsReadAtItsSegmentsWhateverFollowsThem() throws Exception {
		ArmBuild.Outputs build = ArmBuild.build(folder, false, 0);
		Path debug = folder.resolve("debug.elf");
		Files.copy(build.elf(), debug);
		Files.write(debug, new byte[40 << 20], StandardOpenOption.APPEND);
		assertFalse(FirmwareFiles.readsWholeFile(debug));
		assertTrue(FirmwareFiles.readsWholeFile(build.hex()));
		AddressedImage fromFile = FirmwareFiles.read(debug).segments().orElseThrow();
		AddressedImage fromBytes = segments(build.elf(), Files.readAllBytes(build.elf()));
		assertEquals(fromBytes.describe(), fromFile.describe());
		for (int index = 0; index < fromBytes.segments().size(); index++) {
			assertArrayEquals(fromBytes.segments().get(index).data(), fromFile.segments().get(index).data());
		}
		Path cut = Files.write(folder.resolve("cut.elf"), Arrays.copyOf(Files.readAllBytes(build.elf()), 0x1010));
		assertRefused("cut.elf is not a usable ELF file", () -> FirmwareFiles.read(cut));
		assertRefused("the bytes of program header 0 reach past the end of the file", () -> FirmwareFiles.read(cut));
		Path empty = Files.write(folder.resolve("empty.elf"), new byte[0]);
		assertRefused("is empty", () -> FirmwareFiles.read(empty));
	}

	@Test
	void badFilesAreRefusedWithTheFileWhereAndWhat() throws Exception {
		ArmBuild.Outputs build = ArmBuild.build(folder, false, 0);
		byte[] elf = Files.readAllBytes(build.elf());
		String hex = Files.readString(build.hex());
		String srec = Files.readString(build.srec());
		assertRefused("app.elf is not a usable ELF file (at byte 40): the file ends inside the ELF header",
				() -> segments(build.elf(), Arrays.copyOf(elf, 40)));
		assertRefused("the bytes of program header 0 reach past the end of the file",
				() -> segments(build.elf(), Arrays.copyOf(elf, 0x1010)));
		assertRefused("wide.elf: program header 0 puts data at 0xFFFFFFFF, past the 4 GiB",
				() -> segments(Path.of("wide.elf"), elf64(0, new byte[2], 0xFFFF_FFFFL)));
		assertRefused("app.hex, line 2: the checksum does not match the record",
				() -> segments(build.hex(), changedLine(hex, 1, 9, 'F')));
		assertRefused("app.hex ends without its end-of-file record",
				() -> segments(build.hex(), hex.replace(":00000001FF", "").getBytes(StandardCharsets.US_ASCII)));
		String twice = ":020000040800F2\n:0400000001020304F2\n:0400020005060708E0\n:00000001FF\n";
		assertRefused("app.hex: line 3 writes 0x08000002-0x08000005 (4 bytes), which overlaps 0x08000000-0x08000003 (4 bytes)",
				() -> segments(build.hex(), twice.getBytes(StandardCharsets.US_ASCII)));
		assertRefused("app.hex holds no data to write",
				() -> segments(build.hex(), ":00000001FF\n".getBytes(StandardCharsets.US_ASCII)));
		assertRefused("app.hex, line 1: unknown record type 07",
				() -> segments(build.hex(), ":00000007F9\n:00000001FF\n".getBytes(StandardCharsets.US_ASCII)));
		assertRefused("app.srec, line 2: the checksum does not match the record",
				() -> segments(build.srec(), changedLine(srec, 1, 14, 'F')));
		assertRefused("app.srec ends without its termination record",
				() -> segments(build.srec(), srec.substring(0, srec.indexOf("S7")).getBytes(StandardCharsets.US_ASCII)));
		assertRefused("app.srec, line 3: the record count says 5 data records, but 1 came before it",
				() -> segments(build.srec(), "S0030000FC\nS1050000AABB95\nS5030005F7\nS9030000FC\n"
						.getBytes(StandardCharsets.US_ASCII)));
		assertRefused("app.srec, line 1: the line does not start with \"S\"",
				() -> segments(build.srec(), "hello\n".getBytes(StandardCharsets.US_ASCII)));
	}

	/** At least 10,000 damaged files of each format: a reader refuses or reads them, nothing else escapes. */
	@Test
	void damagedFilesNeverEscapeAsAnythingButARefusal() throws Exception {
		ArmBuild.Outputs build = ArmBuild.build(folder, false, 0);
		List<byte[]> originals = List.of(Files.readAllBytes(build.elf()), Files.readAllBytes(build.hex()),
				Files.readAllBytes(build.srec()));
		Random random = new Random(17);
		int refused = 0;
		for (int format = 0; format < 3; format++) {
			for (int run = 0; run < 10_000; run++) {
				byte[] damaged = damage(originals.get(format), random, format == 0);
				try {
					switch (format) {
					case 0 -> segments(build.elf(), damaged);
					case 1 -> segments(build.hex(), damaged);
					default -> segments(build.srec(), damaged);
					}
				} catch (FirmwareException e) {
					refused++;
					assertTrue(e.getMessage().contains("app."), e.getMessage());
				}
			}
		}
		assertTrue(refused > 10_000, "the damage is too mild to test the refusals: " + refused + " of 30000 refused");
	}

	private static byte[] damage(byte[] original, Random random, boolean binary) {
		byte[] bytes = original.clone();
		switch (random.nextInt(4)) {
		case 0 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
		case 1 -> {
			for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
				// The ELF's headers are where a flip matters most; text files take any byte.
				int at = binary && random.nextBoolean() ? random.nextInt(Math.min(bytes.length, 0x200)) : random.nextInt(bytes.length);
				bytes[at] = (byte) random.nextInt(256);
			}
		}
		case 2 -> {
			int at = random.nextInt(bytes.length);
			byte[] longer = new byte[bytes.length + 1];
			System.arraycopy(bytes, 0, longer, 0, at);
			longer[at] = binary ? (byte) random.nextInt(256) : (byte) "0123456789ABCDEF:S\n".charAt(random.nextInt(19));
			System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
			bytes = longer;
		}
		default -> {
			int at = random.nextInt(Math.max(1, bytes.length - 8));
			ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, random.nextInt());
		}
		}
		return bytes;
	}

	private static byte[] changedLine(String text, int line, int column, char digit) {
		String[] lines = text.split("\n", -1);
		StringBuilder changed = new StringBuilder(lines[line]);
		changed.setCharAt(column, changed.charAt(column) == digit ? '0' : digit);
		lines[line] = changed.toString();
		return String.join("\n", lines).getBytes(StandardCharsets.US_ASCII);
	}

	/** A minimal little-endian 64-bit ELF with one PT_LOAD of {@code code} at physical address {@code physical}. */
	private static byte[] elf64(long entry, byte[] code, long physical) {
		ByteBuffer elf = ByteBuffer.allocate(64 + 56 + code.length).order(ByteOrder.LITTLE_ENDIAN);
		elf.put(new byte[] { 0x7F, 'E', 'L', 'F', 2, 1, 1 });
		elf.putShort(16, (short) 2).putShort(18, (short) 0xB7).putInt(20, 1).putLong(24, entry).putLong(32, 64);
		elf.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 1);
		elf.putInt(64, 1).putInt(68, 5).putLong(72, 120).putLong(80, physical).putLong(88, physical)
				.putLong(96, code.length).putLong(104, code.length).putLong(112, 8);
		elf.position(120);
		elf.put(code);
		return elf.array();
	}

	private static AddressedImage segments(Path file, byte[] content) throws FirmwareException {
		return FirmwareFiles.read(file, content).segments().orElseThrow();
	}

	private static void assertRefused(String expected, Read read) {
		FirmwareException e = assertThrows(FirmwareException.class, read::run);
		assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
	}

	@FunctionalInterface
	private interface Read {
		void run() throws Exception;
	}
}
