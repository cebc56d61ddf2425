package org.dfutools.eclipse.core.firmware;

/**
 * Bytes to be written from one address on.
 *
 * @param address where the first byte goes
 * @param data    the bytes, in address order
 */
public record Segment(long address, byte[] data) {

	/** The address after the last byte. */
	public long end() {
		return address + data.length;
	}

	/** The segment as a person reads it: {@code 0x08000000-0x0800FFFF (65536 bytes)}. */
	public String range() {
		return range(address, data.length);
	}

	/** {@code length} bytes (at least one) from {@code address} as a person reads them: {@code 0x08000000-0x0800FFFF (65536 bytes)}. */
	public static String range(long address, long length) {
		return hex(address) + '-' + hex(address + length - 1) + " (" + length + " bytes)"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** An address as dfu-util and linker maps write it: {@code 0x08000000}. */
	public static String hex(long address) {
		return String.format("0x%08X", Long.valueOf(address)); //$NON-NLS-1$
	}
}
