package org.dfutools.eclipse.core.firmware;

import java.util.List;
import java.util.OptionalLong;

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

	/** The bytes the segments hold, without the gaps between them. */
	public long bytes() {
		return segments.stream().mapToLong(segment -> segment.data().length).sum();
	}
}
