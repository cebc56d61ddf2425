package org.dfutools.eclipse.core.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.dfutools.eclipse.core.device.UsbId;
import org.eclipse.osgi.util.NLS;

/**
 * A firmware file as the chain checked it before touching the board: its bytes, its DFU suffix (intact)
 * when it has one, and whether it is a DfuSe container (.dfu with its own target addresses).
 *
 * @param content the whole file as it was read and checked; dfu-util writes its first {@link #size()}
 *                bytes (the file without its suffix)
 */
public record FirmwareImage(Path file, byte[] content, Optional<DfuSuffix> suffix, boolean dfuSeContainer) {

	/**
	 * Writes the checked bytes into {@code folder} under the file's own name, for dfu-util to read: what
	 * is written to the board is what was checked, even when the file is deleted or replaced meanwhile.
	 */
	public Path copyInto(Path folder) throws FirmwareException {
		Path copy = folder.resolve(file.getFileName().toString());
		try {
			return Files.write(copy, content);
		} catch (IOException e) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_copyFailed, copy, e.getMessage()), e);
		}
	}

	/** Stops when the suffix names other DFU-mode IDs than the board's (0xFFFF fields match any). */
	public void checkFor(UsbId dfuModeId, String boardName) throws FirmwareException {
		if (suffix.isPresent() && !suffix.get().matches(dfuModeId)) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_idMismatch,
					new Object[] { file.getFileName(), suffix.get().id(), boardName, dfuModeId }));
		}
	}

	/** The number of bytes dfu-util writes: the file without its suffix. */
	public int size() {
		return content.length - suffix.map(DfuSuffix::length).orElse(0);
	}
}
