package org.dfutools.eclipse.core.firmware;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

/**
 * Motorola S-records (.srec, .s19, .s28, .s37): the S0 header, S1/S2/S3 data with 16-, 24- and 32-bit
 * addresses, the S5/S6 record counts (checked against the data records), and the S7/S8/S9 termination with the
 * entry point. Every checksum is checked; a file without its termination record is taken as cut short.
 */
final class SRecordReader extends SegmentReader {

	SRecordReader() {
		super(Set.of("srec", "s19", "s28", "s37")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}

	@Override
	AddressedImage segments(Path file, byte[] content) throws FirmwareException {
		SegmentCollector segments = new SegmentCollector(file);
		String[] lines = RecordText.lines(content);
		long dataRecords = 0;
		for (int index = 0; index < lines.length; index++) {
			String line = lines[index].strip();
			int number = index + 1;
			if (line.isEmpty()) {
				continue;
			}
			SRecord record = record(file, number, line);
			switch (record.type()) {
			case 1, 2, 3 -> {
				segments.add(record.address(), record.data(), () -> NLS.bind(Messages.Record_line, Integer.valueOf(number)));
				dataRecords++;
			}
			case 5, 6 -> {
				if (record.address() != dataRecords) {
					throw RecordText.bad(file, number, NLS.bind(Messages.Srec_badRecordCount, Long.valueOf(record.address()),
							Long.valueOf(dataRecords)));
				}
			}
			case 7, 8, 9 -> {
				return segments.image(OptionalLong.of(record.address()));
			}
			default -> {
				// S0: the header, a name for people
			}
			}
		}
		throw new FirmwareException(NLS.bind(Messages.Srec_noEnd, file.getFileName()));
	}

	/** One S-record: its type, its address (a count or an entry point for some types) and its data. */
	private record SRecord(int type, long address, byte[] data) {
	}

	/** The line as a record, its length, checksum and type checked. */
	private static SRecord record(Path file, int number, String line) throws FirmwareException {
		if (line.length() < 2 || line.charAt(0) != 'S' || !Character.isDigit(line.charAt(1))) {
			throw RecordText.bad(file, number, NLS.bind(Messages.Record_badStart, Character.valueOf('S')));
		}
		int type = line.charAt(1) - '0';
		byte[] record = RecordText.bytes(file, number, line, 'S');
		if (record.length < 2 || record.length != 1 + (record[0] & 0xFF)) {
			throw RecordText.bad(file, number, NLS.bind(Messages.Srec_badCount, Integer.valueOf(record.length)));
		}
		int sum = 0;
		for (int at = 0; at < record.length - 1; at++) {
			sum += record[at] & 0xFF;
		}
		if ((~sum & 0xFF) != (record[record.length - 1] & 0xFF)) {
			throw RecordText.bad(file, number, Messages.Record_badChecksum);
		}
		int addressLength = switch (type) {
		case 0, 1, 5, 9 -> 2;
		case 2, 6, 8 -> 3;
		case 3, 7 -> 4;
		default -> throw RecordText.bad(file, number, NLS.bind(Messages.Srec_badType, Integer.valueOf(type)));
		};
		int dataLength = record.length - 2 - addressLength;
		if (dataLength < 0) {
			throw RecordText.bad(file, number, NLS.bind(Messages.Srec_badCount, Integer.valueOf(record.length)));
		}
		long address = 0;
		for (int at = 1; at <= addressLength; at++) {
			address = address << 8 | record[at] & 0xFF;
		}
		return new SRecord(type, address, Arrays.copyOfRange(record, 1 + addressLength, 1 + addressLength + dataLength));
	}
}
