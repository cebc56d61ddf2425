package org.dfutools.eclipse.core.firmware;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.eclipse.osgi.util.NLS;

/**
 * Collects the data of a build output as its reader finds it, refusing what cannot be written: data past
 * 4 GiB, and data that overlaps data met before (the file would write one address twice). Then merges what is
 * adjacent into address-ordered segments.
 */
final class SegmentCollector {

	/** The first address past what a 32-bit target can address. */
	static final long ADDRESS_LIMIT = 1L << 32;

	private final Path file;
	private final TreeMap<Long, byte[]> pieces = new TreeMap<>();
	/** The data being added at consecutive addresses (HEX and S-record lines), kept whole until a jump. */
	private final ByteArrayOutputStream run = new ByteArrayOutputStream();
	private long runStart = -1;

	SegmentCollector(Path file) {
		this.file = file;
	}

	/** Data at {@code address}; {@code where} says where it is in the file ("line 12", "program header 2"). */
	void add(long address, byte[] data, Supplier<String> where) throws FirmwareException {
		if (data.length == 0) {
			return;
		}
		if (address < 0 || address >= ADDRESS_LIMIT || address + data.length > ADDRESS_LIMIT) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_beyond4GiB, new Object[] { file.getFileName(), where.get(),
					String.format("0x%X", Long.valueOf(address)) })); //$NON-NLS-1$
		}
		if (runStart < 0 || address != runStart + run.size()) {
			flush();
			runStart = address;
		}
		// The run itself cannot overlap what continues it; the pieces before it might.
		long end = address + data.length;
		Map.Entry<Long, byte[]> before = pieces.floorEntry(Long.valueOf(address));
		Map.Entry<Long, byte[]> after = pieces.ceilingEntry(Long.valueOf(address));
		Map.Entry<Long, byte[]> hit = before != null && before.getKey().longValue() + before.getValue().length > address ? before
				: after != null && after.getKey().longValue() < end ? after : null;
		if (hit != null) {
			Segment other = new Segment(hit.getKey().longValue(), hit.getValue());
			throw new FirmwareException(NLS.bind(Messages.Firmware_overlap, new Object[] { file.getFileName(), where.get(),
					new Segment(address, data).range(), other.range() }));
		}
		run.writeBytes(data);
	}

	private void flush() {
		if (run.size() > 0) {
			pieces.put(Long.valueOf(runStart), run.toByteArray());
			run.reset();
		}
		runStart = -1;
	}

	/** The segments, adjacent pieces merged; refused when the file holds no data to write. */
	AddressedImage image(OptionalLong entryPoint) throws FirmwareException {
		flush();
		if (pieces.isEmpty()) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_noData, file.getFileName()));
		}
		List<Segment> segments = new ArrayList<>();
		long start = -1;
		long next = -1;
		ByteArrayOutputStream merged = new ByteArrayOutputStream();
		for (Map.Entry<Long, byte[]> piece : pieces.entrySet()) {
			long address = piece.getKey().longValue();
			if (address != next && merged.size() > 0) {
				segments.add(new Segment(start, merged.toByteArray()));
				merged.reset();
			}
			if (merged.size() == 0) {
				start = address;
			}
			merged.writeBytes(piece.getValue());
			next = address + piece.getValue().length;
		}
		segments.add(new Segment(start, merged.toByteArray()));
		return new AddressedImage(segments, entryPoint);
	}
}
