package org.dfutools.eclipse.core.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.osgi.util.NLS;

/** The firmware files DFU Flash writes, each read by the reader of its kind. */
public final class FirmwareFiles {

	private static final List<FirmwareReader> READERS = List.of(new DfuFileReader());

	private FirmwareFiles() {
	}

	/** The file name endings of what DFU Flash writes, lower case, without the dot. */
	public static Set<String> extensions() {
		Set<String> all = new TreeSet<>();
		READERS.forEach(reader -> all.addAll(reader.extensions()));
		return all;
	}

	/** Whether the file's name ends as a firmware file DFU Flash writes (any case). */
	public static boolean hasFirmwareName(String fileName) {
		return readerFor(fileName).isPresent();
	}

	/** Reads and checks the file; a message for a person when it is unreadable, empty, damaged or of no known kind. */
	public static FirmwareImage read(Path file) throws FirmwareException {
		FirmwareReader reader = readerFor(file.getFileName().toString()).orElseThrow(() -> new FirmwareException(
				NLS.bind(Messages.Firmware_noReader, file.getFileName(), String.join(", ", extensions())))); //$NON-NLS-1$
		byte[] content;
		try {
			content = Files.readAllBytes(file);
		} catch (IOException e) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_unreadable, file, e.getMessage()), e);
		}
		return reader.read(file, content);
	}

	private static Optional<FirmwareReader> readerFor(String fileName) {
		int dot = fileName.lastIndexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
		return READERS.stream().filter(reader -> reader.extensions().contains(extension)).findFirst();
	}
}
