package org.dfutools.eclipse.core.firmware;

import java.nio.file.Path;
import java.util.Set;

/**
 * Reads one kind of firmware file into the image DFU Flash writes, checking all it can before a board is
 * touched. {@link FirmwareFiles} picks the reader by the file's name ending; a new format is a new reader.
 */
public interface FirmwareReader {

	/** The file name endings this reader reads, lower case, without the dot. */
	Set<String> extensions();

	/** The image in these file contents, or why it cannot be written. */
	FirmwareImage read(Path file, byte[] content) throws FirmwareException;
}
