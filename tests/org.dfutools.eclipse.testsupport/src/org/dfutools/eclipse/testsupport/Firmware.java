package org.dfutools.eclipse.testsupport;

import java.util.Random;

import org.dfutools.eclipse.core.firmware.DfuSuffix;

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
		return DfuSuffix.appended(image, vendorId, productId, DfuSuffix.PLAIN);
	}
}
