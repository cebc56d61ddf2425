package org.dfutools.eclipse.testsupport;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

/** Firmware images for flash tests: reproducible bytes, with or without a DFU suffix. */
public final class Firmware {

	private Firmware() {
	}

	/** {@code size} pseudo-random bytes from {@code seed}. */
	public static byte[] image(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** The image with a DFU 1.1 suffix for the DFU-mode IDs and a correct CRC (as dfu-suffix writes it). */
	public static byte[] withSuffix(byte[] image, int vendorId, int productId) {
		byte[] file = Arrays.copyOf(image, image.length + 16);
		int at = image.length;
		put16(file, at, 0xFFFF); // bcdDevice: any
		put16(file, at + 2, productId);
		put16(file, at + 4, vendorId);
		put16(file, at + 6, 0x0100); // bcdDFU of the suffix format
		file[at + 8] = 'U';
		file[at + 9] = 'F';
		file[at + 10] = 'D';
		file[at + 11] = 16;
		CRC32 crc = new CRC32();
		crc.update(file, 0, file.length - 4);
		long value = ~crc.getValue() & 0xFFFFFFFFL;
		put16(file, at + 12, (int) (value & 0xFFFF));
		put16(file, at + 14, (int) (value >>> 16));
		return file;
	}

	private static void put16(byte[] bytes, int at, int value) {
		bytes[at] = (byte) value;
		bytes[at + 1] = (byte) (value >>> 8);
	}
}
