package org.dfutools.eclipse.core.firmware;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

/**
 * Intel HEX (.hex, .ihex): data records, the end-of-file record, extended segment and extended linear address
 * records, and the start address records (the entry point). Every record's checksum is checked; a file without
 * its end-of-file record is taken as cut short.
 */
final class IntelHexReader extends SegmentReader {


	private static final int DATA = 0;
	private static final int END_OF_FILE = 1;
	private static final int EXTENDED_SEGMENT = 2;
	private static final int START_SEGMENT = 3;
	private static final int EXTENDED_LINEAR = 4;
	private static final int START_LINEAR = 5;

	IntelHexReader() {
		super(Set.of("hex", "ihex")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	AddressedImage segments(Path file, byte[] content) throws FirmwareException {
		SegmentCollector segments = new SegmentCollector(file);
		String[] lines = RecordText.lines(content);
		long base = 0;
		OptionalLong entry = OptionalLong.empty();
		for (int index = 0; index < lines.length; index++) {
			String line = lines[index].strip();
			int number = index + 1;
			if (line.isEmpty()) {
				continue;
			}
			byte[] record = record(file, number, line);
			int length = record[0] & 0xFF;
			int offset = (record[1] & 0xFF) << 8 | record[2] & 0xFF;
			int type = record[3] & 0xFF;
			byte[] data = new byte[length];
			System.arraycopy(record, 4, data, 0, length);
			switch (type) {
			case DATA -> segments.add(base + offset, data, () -> NLS.bind(Messages.Record_line, Integer.valueOf(number)));
			case END_OF_FILE -> {
				return segments.image(entry);
			}
			case EXTENDED_SEGMENT -> base = (long) value(file, number, data, 2) << 4;
			case EXTENDED_LINEAR -> base = (long) value(file, number, data, 2) << 16;
			case START_SEGMENT -> {
				long segmentAndOffset = value(file, number, data, 4);
				entry = OptionalLong.of((segmentAndOffset >>> 16 << 4) + (segmentAndOffset & 0xFFFF));
			}
			case START_LINEAR -> entry = OptionalLong.of(value(file, number, data, 4));
			default -> throw RecordText.bad(file, number, NLS.bind(Messages.Hex_badType, String.format("%02X", Integer.valueOf(type)))); //$NON-NLS-1$
			}
		}
		throw new FirmwareException(NLS.bind(Messages.Hex_noEnd, file.getFileName()));
	}

	/** The line's bytes, its length and checksum checked. */
	private static byte[] record(Path file, int number, String line) throws FirmwareException {
		byte[] record = RecordText.bytes(file, number, line, ':');
		if (record.length < 5 || record.length != 5 + (record[0] & 0xFF)) {
			throw RecordText.bad(file, number, NLS.bind(Messages.Hex_badLength, Integer.valueOf(record.length)));
		}
		int sum = 0;
		for (byte b : record) {
			sum += b & 0xFF;
		}
		if ((sum & 0xFF) != 0) {
			throw RecordText.bad(file, number, Messages.Record_badChecksum);
		}
		return record;
	}

	/** The record's data as one big-endian number of exactly {@code length} bytes. */
	private static long value(Path file, int line, byte[] data, int length) throws FirmwareException {
		if (data.length != length) {
			throw RecordText.bad(file, line, NLS.bind(Messages.Hex_badDataLength, Integer.valueOf(data.length),
					Integer.valueOf(length)));
		}
		long value = 0;
		for (byte b : data) {
			value = value << 8 | b & 0xFF;
		}
		return value;
	}
}
