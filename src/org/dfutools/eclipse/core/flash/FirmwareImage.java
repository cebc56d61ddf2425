package org.dfutools.eclipse.core.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.firmware.DfuSuffix;
import org.dfutools.eclipse.core.firmware.DfuSuffixReader;
import org.eclipse.osgi.util.NLS;

/**
 * A firmware file as the chain checked it before touching the board: its bytes, its DFU suffix (intact)
 * when it has one, and whether it is a DfuSe container (.dfu with its own target addresses).
 *
 * @param content the whole file as it was read and checked; dfu-util writes its first {@link #size()}
 *                bytes (the file without its suffix)
 */
public record FirmwareImage(Path file, byte[] content, Optional<DfuSuffix> suffix, boolean dfuSeContainer) {

	/** The file name endings of what DFU Flash writes: raw images and DFU files (with a suffix, or DfuSe). */
	public static final Set<String> EXTENSIONS = Set.of("bin", "dfu"); //$NON-NLS-1$ //$NON-NLS-2$

	private static final byte[] DFUSE_SIGNATURE = "DfuSe".getBytes(StandardCharsets.US_ASCII); //$NON-NLS-1$

	/** Whether the file's name ends as a firmware file DFU Flash writes ({@link #EXTENSIONS}, any case). */
	public static boolean hasFirmwareName(String fileName) {
		int dot = fileName.lastIndexOf('.');
		return dot > 0 && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	/** Reads and checks the file; a message for a person when it is empty, unreadable or damaged. */
	public static FirmwareImage read(Path file) throws FlashException {
		byte[] content;
		try {
			content = Files.readAllBytes(file);
		} catch (IOException e) {
			throw new FlashException(NLS.bind(Messages.Firmware_unreadable, file, e.getMessage()), e);
		}
		Optional<DfuSuffix> suffix = DfuSuffixReader.parse(content);
		if (suffix.isPresent() && !suffix.get().crcValid()) {
			throw new FlashException(NLS.bind(Messages.Firmware_badCrc, new Object[] { file,
					String.format("0x%08x", Long.valueOf(suffix.get().storedCrc())), //$NON-NLS-1$
					String.format("0x%08x", Long.valueOf(suffix.get().computedCrc())) })); //$NON-NLS-1$
		}
		int suffixLength = suffix.map(DfuSuffix::length).orElse(0);
		if (suffix.isPresent() && suffixLength < DfuSuffixReader.SUFFIX_LENGTH) {
			// dfu-util refuses it too ("Unsupported DFU suffix length"); size() would count suffix bytes as firmware.
			throw new FlashException(NLS.bind(Messages.Firmware_shortSuffix, file, Integer.valueOf(suffixLength)));
		}
		if (suffixLength > content.length) {
			throw new FlashException(NLS.bind(Messages.Firmware_badSuffixLength, file));
		}
		int size = content.length - suffixLength;
		if (size == 0) {
			throw new FlashException(NLS.bind(Messages.Firmware_empty, file));
		}
		boolean container = size >= DFUSE_SIGNATURE.length
				&& Arrays.equals(content, 0, DFUSE_SIGNATURE.length, DFUSE_SIGNATURE, 0, DFUSE_SIGNATURE.length);
		return new FirmwareImage(file, content, suffix, container);
	}

	/**
	 * Writes the checked bytes into {@code folder} under the file's own name, for dfu-util to read: what
	 * is written to the board is what was checked, even when the file is deleted or replaced meanwhile.
	 */
	public Path copyInto(Path folder) throws FlashException {
		Path copy = folder.resolve(file.getFileName().toString());
		try {
			return Files.write(copy, content);
		} catch (IOException e) {
			throw new FlashException(NLS.bind(Messages.Firmware_copyFailed, copy, e.getMessage()), e);
		}
	}

	/** Stops when the suffix names other DFU-mode IDs than the board's (0xFFFF fields match any). */
	public void checkFor(UsbId dfuModeId, String boardName) throws FlashException {
		if (suffix.isPresent() && !suffix.get().matches(dfuModeId)) {
			throw new FlashException(NLS.bind(Messages.Firmware_idMismatch,
					new Object[] { file.getFileName(), suffix.get().id(), boardName, dfuModeId }));
		}
	}

	/** The number of bytes dfu-util writes: the file without its suffix. */
	public int size() {
		return content.length - suffix.map(DfuSuffix::length).orElse(0);
	}
}
