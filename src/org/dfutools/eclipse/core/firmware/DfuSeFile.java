package org.dfutools.eclipse.core.firmware;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

import org.eclipse.osgi.util.NLS;

/**
 * DfuSe files (ST's UM0391): made from a build output's segments (one target, the alt setting they are for, with
 * one image element per segment at its address, and a DFU suffix with the board's DFU-mode IDs; dfu-util writes
 * each element where it says, so no address has to be typed), and read back into the elements of one alt setting,
 * which is what dfu-util writes of them.
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

	/**
	 * The elements of the targets for alt setting {@code alt} in the first {@code size} bytes of a DfuSe file (the
	 * file without its DFU suffix), as segments; empty when no target is for that alt (dfu-util skips the others).
	 * Refused when the file is damaged: a count or size that reaches past the file, overlapping elements.
	 */
	static Optional<AddressedImage> elements(Path file, byte[] content, int size, int alt) throws FirmwareException {
		ByteBuffer bytes = ByteBuffer.wrap(content, 0, size).order(ByteOrder.LITTLE_ENDIAN);
		need(file, bytes, PREFIX);
		bytes.position(SIGNATURE.length + 1 + 4);
		int targets = Byte.toUnsignedInt(bytes.get());
		SegmentCollector collected = new SegmentCollector(file);
		boolean found = false;
		for (int target = 0; target < targets; target++) {
			need(file, bytes, TARGET_PREFIX);
			int start = bytes.position();
			if (!Arrays.equals(content, start, start + TARGET.length, TARGET, 0, TARGET.length)) {
				throw damaged(file, start, Messages.DfuSe_noTargetSignature);
			}
			int targetAlt = Byte.toUnsignedInt(bytes.get(start + TARGET.length));
			bytes.position(start + TARGET_PREFIX - 4);
			long elements = Integer.toUnsignedLong(bytes.getInt());
			for (long element = 0; element < elements; element++) {
				need(file, bytes, ELEMENT_HEADER);
				int at = bytes.position();
				long address = Integer.toUnsignedLong(bytes.getInt());
				long length = Integer.toUnsignedLong(bytes.getInt());
				if (length > bytes.remaining()) {
					throw damaged(file, at, NLS.bind(Messages.DfuSe_elementBeyondFile, Long.valueOf(length)));
				}
				if (targetAlt != alt) {
					bytes.position(bytes.position() + (int) length); // another alt's image: dfu-util skips it, so do we
					continue;
				}
				byte[] data = new byte[(int) length];
				bytes.get(data);
				long number = element;
				collected.add(address, data, () -> NLS.bind(Messages.DfuSe_element, Long.valueOf(number), Integer.valueOf(alt)));
			}
			found |= targetAlt == alt;
		}
		return found ? Optional.of(collected.image(OptionalLong.empty())) : Optional.empty();
	}

	private static void need(Path file, ByteBuffer bytes, int length) throws FirmwareException {
		if (bytes.remaining() < length) {
			throw damaged(file, bytes.position(), Messages.DfuSe_truncated);
		}
	}

	private static FirmwareException damaged(Path file, int offset, String why) {
		return new FirmwareException(NLS.bind(Messages.DfuSe_bad, new Object[] { file.getFileName(), Integer.valueOf(offset), why }));
	}
}
