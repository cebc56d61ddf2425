package org.dfutools.eclipse.ui.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.core.firmware.FirmwareException;
import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.core.operation.OperationException;

/**
 * The firmware file as the launch dialog last checked it (DFU suffix, CRC, DfuSe container): the dialog
 * checks its values on every key, so the file is read again only when its name, size or time changed.
 * Files beyond {@link #LARGEST} are left to the launch, as reading them would hold up the dialog, unless only parts of
 * them are read: an ELF file's loadable segments, whatever the size of its debug information.
 */
final class DialogFirmware {

	/** Larger than any microcontroller image; a millisecond or two to read and check. */
	static final long LARGEST = 16L << 20;

	private Path file;
	private long size;
	private long modified;
	private FirmwareImage image;
	private OperationException failure;

	/** The checked image, empty when the file is too large to read here; throws what its check found. */
	Optional<FirmwareImage> read(Path path) throws OperationException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class);
		} catch (IOException e) {
			return Optional.empty(); // the settings' own checks name a missing or unreadable file
		}
		try {
			if (attributes.size() > LARGEST && FirmwareFiles.readsWholeFile(path)) {
				return Optional.empty();
			}
		} catch (FirmwareException e) {
			throw new OperationException(e.getMessage(), e);
		}
		if (!path.equals(file) || attributes.size() != size || attributes.lastModifiedTime().toMillis() != modified) {
			file = path;
			size = attributes.size();
			modified = attributes.lastModifiedTime().toMillis();
			try {
				image = FirmwareFiles.read(path);
				failure = null;
			} catch (FirmwareException e) {
				image = null;
				failure = new OperationException(e.getMessage(), e);
			}
		}
		if (failure != null) {
			throw failure;
		}
		return Optional.of(image);
	}
}
