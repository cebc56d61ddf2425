package org.dfutools.eclipse.core.firmware;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.osgi.util.NLS;

/**
 * The build outputs that say where their bytes go (ELF, Intel HEX, S-record), each read by the reader of its
 * kind into the segments it asks to be written.
 */
public final class BuildOutputFiles {

	private BuildOutputFiles() {
	}

	/** The file name endings of build outputs, lower case, without the dot. */
	public static Set<String> extensions() {
		Set<String> all = new TreeSet<>(ElfReader.EXTENSIONS);
		all.addAll(IntelHexReader.EXTENSIONS);
		all.addAll(SRecordReader.EXTENSIONS);
		return all;
	}

	/** The segments of a build output's contents; a message for a person when they cannot be written. */
	public static AddressedImage read(Path file, byte[] content) throws FirmwareException {
		String name = file.getFileName().toString();
		String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		if (ElfReader.EXTENSIONS.contains(extension)) {
			return ElfReader.read(file, content);
		}
		if (IntelHexReader.EXTENSIONS.contains(extension)) {
			return IntelHexReader.read(file, content);
		}
		if (SRecordReader.EXTENSIONS.contains(extension)) {
			return SRecordReader.read(file, content);
		}
		throw new FirmwareException(NLS.bind(Messages.Firmware_noReader, file.getFileName(), String.join(", ", extensions()))); //$NON-NLS-1$
	}
}
