package org.dfutools.eclipse.core.firmware;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A DfuSe file (ST's UM0391) made from a build output's segments: one target, the alt setting they are for, with
 * one image element per segment at its address, and a DFU suffix with the board's DFU-mode IDs. dfu-util writes
 * each element where it says, so no address has to be typed.
 */
final class DfuSeFile {

	private static final byte[] SIGNATURE = "DfuSe".getBytes(StandardCharsets.US_ASCII); //$NON-NLS-1$
	private static final byte[] TARGET = "Target".getBytes(StandardCharsets.US_ASCII); //$NON-NLS-1$
	private static final int PREFIX = 11;
	private static final int TARGET_PREFIX = 274;
	private static final int ELEMENT_HEADER = 8;
	private static final int NAME_LENGTH = 255;

	private DfuSeFile() {
	}

	static byte[] of(AddressedImage image, int alt, String targetName, int vendorId, int productId) {
		long elements = 0;
		for (Segment segment : image.segments()) {
			elements += ELEMENT_HEADER + segment.data().length;
		}
		ByteBuffer file = ByteBuffer.allocate(Math.toIntExact(PREFIX + TARGET_PREFIX + elements)).order(ByteOrder.LITTLE_ENDIAN);
		file.put(SIGNATURE).put((byte) 1).putInt(file.capacity()).put((byte) 1);
		file.put(TARGET).put((byte) alt);
		byte[] name = targetName.getBytes(StandardCharsets.US_ASCII);
		file.putInt(name.length > 0 ? 1 : 0);
		file.put(name, 0, Math.min(name.length, NAME_LENGTH - 1));
		file.position(PREFIX + 6 + 1 + 4 + NAME_LENGTH);
		file.putInt((int) elements).putInt(image.segments().size());
		for (Segment segment : image.segments()) {
			file.putInt((int) segment.address()).putInt(segment.data().length).put(segment.data());
		}
		return DfuSuffix.appended(file.array(), vendorId, productId, DfuSuffix.DFUSE);
	}
}
