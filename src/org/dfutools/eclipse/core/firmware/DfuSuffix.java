package org.dfutools.eclipse.core.firmware;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

import org.dfutools.eclipse.core.device.UsbId;

/**
 * The DFU suffix at the end of a firmware file (DFU 1.1, appendix B): which device it is for and a
 * CRC over the whole file. 0xFFFF in an ID field means "any".
 *
 * @param storedCrc   dwCRC as written in the file
 * @param computedCrc the CRC of the file's bytes as they are now
 */
public record DfuSuffix(int bcdDevice, int productId, int vendorId, int bcdDfu, int length, long storedCrc,
		long computedCrc) {

	public static final int ANY = 0xFFFF;
	/** bcdDFU of a plain suffix, and of one that ends a DfuSe container. */
	public static final int PLAIN = 0x0100;
	public static final int DFUSE = 0x011A;

	/** {@code image} with a DFU suffix for the DFU-mode IDs (any bcdDevice), its CRC as dfu-util checks it. */
	public static byte[] appended(byte[] image, int vendorId, int productId, int bcdDfu) {
		byte[] file = Arrays.copyOf(image, image.length + DfuSuffixReader.SUFFIX_LENGTH);
		ByteBuffer suffix = ByteBuffer.wrap(file, image.length, DfuSuffixReader.SUFFIX_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
		suffix.putShort((short) ANY).putShort((short) productId).putShort((short) vendorId).putShort((short) bcdDfu);
		suffix.put((byte) 'U').put((byte) 'F').put((byte) 'D').put((byte) DfuSuffixReader.SUFFIX_LENGTH);
		CRC32 crc = new CRC32();
		crc.update(file, 0, file.length - 4);
		// dwCRC is the CRC-32 register before the final inversion that java.util.zip applies.
		suffix.putInt((int) ~crc.getValue());
		return file;
	}

	/** Whether the file is intact: the CRC it carries is the CRC of its bytes. */
	public boolean crcValid() {
		return storedCrc == computedCrc;
	}

	/** Whether the file is meant for a device with these IDs (in DFU mode, where dfu-util checks it). */
	public boolean matches(UsbId id) {
		return (vendorId == ANY || vendorId == id.vendorId()) && (productId == ANY || productId == id.productId());
	}

	public UsbId id() {
		return new UsbId(vendorId, productId);
	}
}
