package org.dfutools.eclipse.core.firmware;

import java.nio.file.Path;
import java.util.Set;

/** A reader of a build output: what it reads are segments, whose bytes for dfu-util are made per board. */
abstract class SegmentReader implements FirmwareReader {

	private final Set<String> extensions;

	SegmentReader(Set<String> extensions) {
		this.extensions = Set.copyOf(extensions);
	}

	@Override
	public final Set<String> extensions() {
		return extensions;
	}

	@Override
	public final FirmwareImage read(Path file, byte[] content) throws FirmwareException {
		return FirmwareImage.ofSegments(file, segments(file, content));
	}

	/** The segments in the file's contents, or why they cannot be written. */
	abstract AddressedImage segments(Path file, byte[] content) throws FirmwareException;
}
