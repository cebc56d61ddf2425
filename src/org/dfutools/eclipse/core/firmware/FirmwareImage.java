package org.dfutools.eclipse.core.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.dfutools.eclipse.core.device.UsbId;
import org.eclipse.osgi.util.NLS;

/**
 * A firmware file as the flash checked it before touching the board: the bytes dfu-util is given, the DFU suffix
 * (intact) when they have one, and whether they are a DfuSe container (.dfu with its own target addresses). A
 * build output (ELF, Intel HEX, S-record) is read into its segments first ({@link #segments()}); its bytes for
 * dfu-util depend on the board and are made by {@link #forPlainDfu()} or {@link #forDfuSe}.
 *
 * @param content  the bytes as they were read and checked; dfu-util writes the first {@link #size()} bytes (the
 *                 file without its suffix); empty for a build output until it is made for a board
 * @param segments what a build output asks to be written where; empty for a .bin or .dfu file
 */
public record FirmwareImage(Path file, byte[] content, Optional<DfuSuffix> suffix, boolean dfuSeContainer,
		Optional<AddressedImage> segments) {

	/** A .bin or .dfu file: its bytes are what dfu-util writes. */
	public FirmwareImage(Path file, byte[] content, Optional<DfuSuffix> suffix, boolean dfuSeContainer) {
		this(file, content, suffix, dfuSeContainer, Optional.empty());
	}

	/** A build output, read into its segments: its bytes are made once the board is known. */
	static FirmwareImage ofSegments(Path file, AddressedImage segments) {
		return new FirmwareImage(file, new byte[0], Optional.empty(), false, Optional.of(segments));
	}

	/** Whether this is a build output whose bytes for dfu-util are not made yet. */
	public boolean needsBoard() {
		return segments.isPresent() && content.length == 0;
	}

	/**
	 * The build output for a plain DFU bootloader: its segments laid out from the lowest address, gaps 0xFF, in a
	 * .bin of the file's name. Refused when a gap is larger than a mebibyte (RAM sections in an ELF).
	 */
	public FirmwareImage forPlainDfu() throws FirmwareException {
		AddressedImage image = segments.orElseThrow();
		return new FirmwareImage(renamed(".bin"), PlainLayout.of(file, image), Optional.empty(), false, segments); //$NON-NLS-1$
	}

	/** The build output for a DfuSe bootloader: a DfuSe .dfu file for this alt setting and DFU-mode IDs. */
	public FirmwareImage forDfuSe(int alt, String targetName, UsbId dfuModeId) {
		byte[] container = DfuSeFile.of(segments.orElseThrow(), alt, targetName, dfuModeId.vendorId(), dfuModeId.productId());
		return new FirmwareImage(renamed(".dfu"), container, DfuSuffixReader.parse(container), true, segments); //$NON-NLS-1$
	}

	/**
	 * What this DfuSe container writes through alt setting {@code alt}, where: a build output's segments, or the
	 * elements of the file's targets for that alt (dfu-util skips the others). Empty when the file has no target for
	 * it, and for anything that is not a DfuSe container.
	 */
	public Optional<AddressedImage> dfuSeElements(int alt) throws FirmwareException {
		if (!dfuSeContainer) {
			return Optional.empty();
		}
		return segments.isPresent() ? segments : DfuSeFile.elements(file, content, size(), alt);
	}

	private Path renamed(String extension) {
		String name = file.getFileName().toString();
		Path renamed = Path.of(name + extension);
		return file.getParent() == null ? renamed : file.getParent().resolve(renamed);
	}

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
