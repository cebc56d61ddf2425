package org.dfutools.eclipse.core.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.osgi.util.NLS;

/** The firmware files DFU Flash writes, each read by the reader of its kind. */
public final class FirmwareFiles {

	private static final List<FirmwareReader> READERS = List.of(new DfuFileReader(), new ElfReader(), new IntelHexReader(),
			new SRecordReader());

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
		return extensions().contains(extensionOf(fileName));
	}

	/** Reads and checks the file; a message for a person when it is unreadable, empty, damaged or of no known kind. */
	public static FirmwareImage read(Path file) throws FirmwareException {
		return readerFor(file).readFile(file);
	}

	/**
	 * Whether reading the file reads all of it (its time grows with its size): not for an ELF file, whose loadable
	 * segments are read and its debug information is not.
	 */
	public static boolean readsWholeFile(Path file) throws FirmwareException {
		return readerFor(file).readsWholeFile();
	}

	/** All of the file's bytes. */
	static byte[] contents(Path file) throws FirmwareException {
		try {
			return Files.readAllBytes(file);
		} catch (IOException e) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_unreadable, file, e.getMessage()), e);
		}
	}

	/** Checks contents read from {@code file} already, by the reader of the file's kind. */
	public static FirmwareImage read(Path file, byte[] content) throws FirmwareException {
		FirmwareReader reader = readerFor(file);
		if (content.length == 0) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_empty, file));
		}
		return reader.read(file, content);
	}

	private static FirmwareReader readerFor(Path file) throws FirmwareException {
		String extension = extensionOf(file.getFileName().toString());
		return READERS.stream().filter(reader -> reader.extensions().contains(extension)).findFirst()
				.orElseThrow(() -> new FirmwareException(NLS.bind(Messages.Firmware_noReader, file.getFileName(),
						String.join(", ", extensions())))); //$NON-NLS-1$
	}

	/** The name's ending after its last dot, lower case; "" when it has none (or only a leading dot). */
	private static String extensionOf(String fileName) {
		int dot = fileName.lastIndexOf('.');
		return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT); //$NON-NLS-1$
	}
}
