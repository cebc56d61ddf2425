package org.dfutools.eclipse.core.firmware;

import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.osgi.util.NLS;

/**
 * A build output laid out for a plain DFU bootloader, which takes bytes without addresses: from the lowest address
 * on, the gaps between segments filled with 0xFF (erased flash). A gap larger than {@link #LARGEST_GAP} is
 * refused: it is RAM sections in the ELF, or regions the bootloader does not write, and would make a huge file
 * (the 1.2 GB .bin of an image with data in RAM).
 */
final class PlainLayout {

	static final long LARGEST_GAP = 1L << 20;
	/** Larger than the flash of any microcontroller a DFU bootloader writes. */
	static final long LARGEST_IMAGE = 256L << 20;

	private PlainLayout() {
	}

	static byte[] of(Path file, AddressedImage image) throws FirmwareException {
		Segment previous = null;
		for (Segment segment : image.segments()) {
			if (previous != null && segment.address() - previous.end() > LARGEST_GAP) {
				throw new FirmwareException(NLS.bind(Messages.Firmware_gapTooLarge, new Object[] { file.getFileName(),
						previous.range(), segment.range(), Long.valueOf((segment.address() - previous.end()) / 1024),
						Long.valueOf(LARGEST_GAP / 1024) }));
			}
			previous = segment;
		}
		long size = image.end() - image.lowest();
		if (size > LARGEST_IMAGE) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_layoutTooLarge, file.getFileName(),
					Long.valueOf(size >> 20)));
		}
		byte[] bytes = new byte[Math.toIntExact(size)];
		Arrays.fill(bytes, (byte) 0xFF);
		for (Segment segment : image.segments()) {
			System.arraycopy(segment.data(), 0, bytes, (int) (segment.address() - image.lowest()), segment.data().length);
		}
		return bytes;
	}
}
