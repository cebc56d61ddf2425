package org.dfutools.eclipse.tests.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.firmware.DfuSuffix;
import org.dfutools.eclipse.core.firmware.DfuSuffixReader;
import org.dfutools.eclipse.testsupport.Firmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DFU suffixes as the real dfu-suffix tool writes them. */
class DfuSuffixReaderTest {

	@TempDir
	Path folder;

	@Test
	void readsWhatDfuSuffixWrote() throws Exception {
		Path file = firmware(1000);
		dfuSuffix("-v", "1209", "-p", "0002", "-d", "0100", "-a", file.toString());

		DfuSuffix suffix = DfuSuffixReader.read(file).orElseThrow();
		assertEquals(new UsbId(0x1209, 0x0002), suffix.id());
		assertEquals(0x0100, suffix.bcdDevice());
		assertEquals(0x0100, suffix.bcdDfu());
		assertEquals(16, suffix.length());
		assertTrue(suffix.crcValid(), suffix.toString());
		assertTrue(suffix.matches(new UsbId(0x1209, 0x0002)));
		assertFalse(suffix.matches(new UsbId(0x1209, 0x0003)));
	}

	@Test
	void aChangedByteBreaksTheCrc() throws Exception {
		Path file = firmware(4096);
		dfuSuffix("-v", "1209", "-p", "0002", "-a", file.toString());
		byte[] bytes = Files.readAllBytes(file);
		bytes[100] ^= 0x01;

		assertFalse(DfuSuffixReader.parse(bytes).orElseThrow().crcValid());
	}

	@Test
	void unspecifiedIdsMatchAnyDevice() throws Exception {
		Path file = firmware(64);
		dfuSuffix("-a", file.toString());

		DfuSuffix suffix = DfuSuffixReader.read(file).orElseThrow();
		assertTrue(suffix.matches(new UsbId(0x0483, 0xdf11)), suffix.toString());
	}

	@Test
	void plainFirmwareHasNoSuffix() throws Exception {
		assertEquals(Optional.empty(), DfuSuffixReader.read(firmware(1000)));
		assertEquals(Optional.empty(), DfuSuffixReader.parse(new byte[] { 'U', 'F', 'D' }));
	}

	/**
	 * A suffix whose bLength is below 16 (its CRC intact): dfu-util refuses the file ("Unsupported DFU suffix
	 * length", EX_DATAERR), and so does the chain, before the board is touched.
	 */
	@Test
	void aSuffixShorterThanSixteenBytesIsRefusedAsDfuUtilRefusesIt() throws Exception {
		byte[] bytes = org.dfutools.eclipse.testsupport.Firmware.withSuffix(new byte[1000], 0x1209, 0x0002);
		bytes[bytes.length - 5] = 10;
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(bytes, 0, bytes.length - 4);
		long value = ~crc.getValue() & 0xFFFFFFFFL;
		for (int index = 0; index < 4; index++) {
			bytes[bytes.length - 4 + index] = (byte) (value >>> (8 * index));
		}
		Path file = Files.write(folder.resolve("short-suffix.dfu"), bytes);
		assertTrue(DfuSuffixReader.parse(bytes).orElseThrow().crcValid(), "the CRC is intact: only bLength is wrong");

		Process check = new ProcessBuilder("dfu-suffix", "-c", file.toString()).redirectErrorStream(true).start();
		String said = new String(check.getInputStream().readAllBytes());
		assertTrue(check.waitFor(10, TimeUnit.SECONDS), "dfu-suffix hung");
		assertEquals(65, check.exitValue(), "dfu-suffix takes the file: " + said); // EX_DATAERR
		org.dfutools.eclipse.core.firmware.FirmwareException refused = org.junit.jupiter.api.Assertions.assertThrows(
				org.dfutools.eclipse.core.firmware.FirmwareException.class,
				() -> org.dfutools.eclipse.core.firmware.FirmwareFiles.read(file));
		assertTrue(refused.getMessage().contains("10 bytes long"), refused.getMessage());
	}

	private Path firmware(int size) throws Exception {
		byte[] bytes = Firmware.image(size, size);
		bytes[size - 6] = 0; // never a "UFD" signature by chance
		Path file = folder.resolve("firmware-" + size + ".bin");
		Files.write(file, bytes);
		return file;
	}

	private static void dfuSuffix(String... arguments) throws Exception {
		String[] command = new String[arguments.length + 1];
		command[0] = "dfu-suffix";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertTrue(process.waitFor(10, TimeUnit.SECONDS), "dfu-suffix hung");
		assertEquals(0, process.exitValue(), output);
	}
}
