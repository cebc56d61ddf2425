package org.dfutools.eclipse.core.firmware;

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
