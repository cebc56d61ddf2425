package org.dfutools.eclipse.core.firmware;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.dfutools.eclipse.core.device.UsbId;
import org.eclipse.osgi.util.NLS;

/**
 * A board's memory as a file that flashes back to it: raw bytes ({@code .bin}), or a {@code .dfu} file that carries
 * the board's DFU-mode IDs in its suffix and, from a DfuSe board, each memory region at its address.
 */
public final class SavedFirmware {

	/** The kinds of file memory is saved as, by their name's ending. */
	public enum Format {
		BIN(".bin"), DFU(".dfu"); //$NON-NLS-1$ //$NON-NLS-2$

		private final String extension;

		Format(String extension) {
			this.extension = extension;
		}

		public String extension() {
			return extension;
		}

		/** The format a file's name asks for, if it asks for one. */
		public static Optional<Format> of(Path file) {
			String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT); //$NON-NLS-1$
			for (Format format : values()) {
				if (name.endsWith(format.extension)) {
					return Optional.of(format);
				}
			}
			return Optional.empty();
		}
	}

	private SavedFirmware() {
	}

	/** Regions read from a DfuSe board: one region as raw bytes; as .dfu, one element per region, for this alt and IDs. */
	public static byte[] ofDfuSe(Format format, List<Segment> regions, int alt, String targetName, UsbId dfuModeId) {
		if (format == Format.BIN) {
			if (regions.size() != 1) {
				throw new IllegalArgumentException("a .bin holds one region"); //$NON-NLS-1$
			}
			return regions.get(0).data();
		}
		return DfuSeFile.of(new AddressedImage(regions, OptionalLong.empty()), alt, targetName, dfuModeId.vendorId(),
				dfuModeId.productId());
	}

	/** Memory read from a plain DFU board: raw, or with a DFU suffix naming its DFU-mode IDs. */
	public static byte[] ofPlainDfu(Format format, byte[] memory, UsbId dfuModeId) {
		return format == Format.BIN ? memory
				: DfuSuffix.appended(memory, dfuModeId.vendorId(), dfuModeId.productId(), DfuSuffix.PLAIN);
	}

	/**
	 * Writes the file whole or not at all: into a new file beside it first, then moved over it, so that a failure
	 * leaves what was there before. A link is written through (its target is replaced), and a file that was there
	 * keeps its permissions; a new one gets the usual ones for this user.
	 */
	public static void write(Path target, byte[] bytes) throws FirmwareException {
		Path partial = null;
		try {
			Path real = Files.isSymbolicLink(target) ? target.toRealPath() : target.toAbsolutePath();
			// Short and of its own: a long file name plus a suffix must not pass the file system's limit.
			partial = real.resolveSibling(".dfu-save-" + Long.toHexString(System.nanoTime()) + ".part"); //$NON-NLS-1$ //$NON-NLS-2$
			Files.write(partial, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			if (Files.exists(real) && Files.getFileStore(real).supportsFileAttributeView(PosixFileAttributeView.class)) {
				Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(real));
			}
			try {
				Files.move(partial, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(partial, real, StandardCopyOption.REPLACE_EXISTING);
			}
		} catch (IOException e) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_saveFailed, target, e.getMessage()), e);
		} finally {
			if (partial != null) {
				try {
					Files.deleteIfExists(partial);
				} catch (IOException e) {
					// A hidden leftover beside the file harms nothing; the failure above is what matters.
				}
			}
		}
	}
}
