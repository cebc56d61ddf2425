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

	/** The image in the file: all of it is read, unless the reader needs only parts of it (see {@link #readsWholeFile()}). */
	default FirmwareImage readFile(Path file) throws FirmwareException {
		return FirmwareFiles.read(file, FirmwareFiles.contents(file));
	}

	/** Whether {@link #readFile} reads every byte of the file, so that its time grows with the file's size. */
	default boolean readsWholeFile() {
		return true;
	}
}
