package org.dfutools.eclipse.core.save;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dfutools.eclipse.core.dfuutil.DfuUtilOptions;
import org.dfutools.eclipse.core.firmware.SavedFirmware;
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.SettingValues;

/**
 * What Save Firmware from Board reads, checked: the board, the alt setting, the memory (on DfuSe an address and a
 * length, or the alt's whole writable memory; on plain DFU everything the board sends, or at most a length), and
 * the file, whose name says its format.
 *
 * @param address the first address to read (DfuSe), when given
 * @param length  the bytes to read from {@code address} (DfuSe), or at most (plain DFU), when given
 * @param target  an absolute path in an existing folder, ending in .bin or .dfu
 */
public record SaveSettings(BoardSelector board, String alt, OptionalLong address, OptionalLong length, Path target,
		Duration applicationTimeout) {

	private static final long ADDRESS_SPACE = 0x1_0000_0000L;

	/** Checks every value, in the order the dialog shows them; the first problem is the message. */
	public static SaveSettings parse(BoardSelector board, String alt, String address, String length, String target)
			throws OperationException {
		Optional<String> boardProblem = board.problem();
		if (boardProblem.isPresent()) {
			throw new OperationException(boardProblem.get());
		}
		String checkedAlt = SettingValues.alt(alt);
		OptionalLong from = blank(address) ? OptionalLong.empty()
				: OptionalLong.of(SettingValues.address(address, ADDRESS_SPACE - 1));
		OptionalLong bytes = blank(length) ? OptionalLong.empty()
				: OptionalLong.of(SettingValues.number(length, SaveChecks.LARGEST, Messages.SaveSettings_badLength));
		if (bytes.isPresent() && bytes.getAsLong() == 0) {
			throw new OperationException(NLS.bind(Messages.SaveSettings_badLength, length.strip()));
		}
		if (from.isPresent() && bytes.isEmpty()) {
			throw new OperationException(NLS.bind(Messages.SaveSettings_lengthNeeded, address.strip()));
		}
		if (from.isPresent() && from.getAsLong() + bytes.getAsLong() > ADDRESS_SPACE) {
			throw new OperationException(NLS.bind(Messages.SaveSettings_pastAddressSpace, address.strip(), length.strip()));
		}
		return new SaveSettings(board, checkedAlt, from, bytes, target(target),
				Duration.ofSeconds(FlashConfiguration.DEFAULT_APPLICATION_TIMEOUT_SECONDS));
	}

	private static Path target(String text) throws OperationException {
		if (blank(text)) {
			throw new OperationException(Messages.SaveSettings_noFile);
		}
		String name = text.strip();
		if (name.chars().anyMatch(Character::isISOControl)) {
			throw new OperationException(Messages.SaveSettings_fileControl);
		}
		Path path;
		try {
			path = Path.of(name);
		} catch (InvalidPathException e) {
			throw new OperationException(NLS.bind(Messages.SaveSettings_notAbsolute, name), e);
		}
		if (!path.isAbsolute() || path.getFileName() == null) {
			throw new OperationException(NLS.bind(Messages.SaveSettings_notAbsolute, name));
		}
		if (SavedFirmware.Format.of(path).isEmpty()) {
			throw new OperationException(NLS.bind(Messages.SaveSettings_badFormat, path.getFileName()));
		}
		if (Files.isDirectory(path)) {
			throw new OperationException(NLS.bind(Messages.SaveSettings_isFolder, path));
		}
		Path folder = path.getParent();
		if (!Files.isDirectory(folder)) {
			throw new OperationException(NLS.bind(Messages.SaveSettings_noFolder, folder));
		}
		if (!Files.isWritable(folder)) {
			throw new OperationException(NLS.bind(Messages.SaveSettings_folderNotWritable, folder));
		}
		return path;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	public SavedFirmware.Format format() {
		return SavedFirmware.Format.of(target).orElseThrow();
	}

	/** What dfu-util's command line carries of these settings. */
	public DfuUtilOptions dfuUtilOptions() {
		return new DfuUtilOptions(alt, Optional.empty(), OptionalInt.empty(), List.of());
	}
}
