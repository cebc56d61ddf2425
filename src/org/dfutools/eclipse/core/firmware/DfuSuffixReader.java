package org.dfutools.eclipse.core.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;

/** Finds and checks the DFU suffix of a firmware file; a file without one is plain firmware. */
public final class DfuSuffixReader {

	/** The length of a DFU 1.1 suffix; bLength may say more (extensions), never less. */
	public static final int SUFFIX_LENGTH = 16;

	private DfuSuffixReader() {
	}

	public static Optional<DfuSuffix> read(Path file) throws IOException {
		return parse(Files.readAllBytes(file));
	}

	/** The suffix of these file contents, or empty when they end without the "UFD" signature. */
	public static Optional<DfuSuffix> parse(byte[] content) {
		int end = content.length;
		if (end < SUFFIX_LENGTH || content[end - 8] != 'U' || content[end - 7] != 'F' || content[end - 6] != 'D') {
			return Optional.empty();
		}
		CRC32 crc = new CRC32();
		crc.update(content, 0, end - 4);
		// dwCRC is the CRC-32 register before the final inversion that java.util.zip applies.
		long computed = ~crc.getValue() & 0xFFFFFFFFL;
		return Optional.of(new DfuSuffix(u16(content, end - 16), u16(content, end - 14), u16(content, end - 12),
				u16(content, end - 10), content[end - 5] & 0xFF, u32(content, end - 4), computed));
	}

	private static int u16(byte[] bytes, int offset) {
		return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
	}

	private static long u32(byte[] bytes, int offset) {
		return (u16(bytes, offset) | (long) u16(bytes, offset + 2) << 16) & 0xFFFFFFFFL;
	}
}
