package org.dfutools.eclipse.core.firmware;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.eclipse.osgi.util.NLS;

/**
 * What a build output (ELF, Intel HEX, S-record) asks to be written where: segments in address order, none
 * overlapping another, adjacent ones merged into one, all below 4 GiB; and the entry point when the file names one.
 */
public record AddressedImage(List<Segment> segments, OptionalLong entryPoint) {

	public AddressedImage {
		segments = List.copyOf(segments);
	}

	/** The address of the first byte. */
	public long lowest() {
		return segments.get(0).address();
	}

	/** The address after the last byte. */
	public long end() {
		return segments.get(segments.size() - 1).end();
	}

	/** The segments and the entry point, as a person reads them: {@code 0x08000000-0x08000057 (88 bytes), ...; entry point 0x08000011}. */
	public String describe() {
		String ranges = segments.stream().map(Segment::range).collect(Collectors.joining(", ")); //$NON-NLS-1$
		return entryPoint.isPresent()
				? NLS.bind(Messages.Firmware_segmentsAndEntry, ranges, Segment.hex(entryPoint.getAsLong()))
				: NLS.bind(Messages.Firmware_segmentsOnly, ranges);
	}

	/** The bytes the segments hold, without the gaps between them. */
	public long bytes() {
		return segments.stream().mapToLong(segment -> segment.data().length).sum();
	}
}
