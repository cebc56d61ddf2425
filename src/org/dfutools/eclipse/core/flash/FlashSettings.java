package org.dfutools.eclipse.core.flash;

import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.dfuutil.ExtraArguments;
import org.dfutools.eclipse.core.dfuutil.DfuUtilException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.eclipse.osgi.util.NLS;

/**
 * A flash configuration checked and typed: what the chain runs with. Every value that reaches dfu-util
 * has been checked here, so an option-like or multi-line value cannot become another option.
 *
 * @param firmware     an absolute path, variables resolved
 * @param alt          the alt setting: a number, or a name from the DFU-mode alt names
 * @param dfuseAddress the DfuSe target address, when given
 * @param transferSize bytes per transfer, when given (else the device's wTransferSize)
 */
public record FlashSettings(BoardSelector board, Path firmware, String alt, OptionalLong dfuseAddress,
		OptionalInt transferSize, List<String> extraArguments, boolean waitForApplication,
		Duration applicationTimeout, boolean verify) {

	/** Resolves variables such as {@code ${project_loc}}; throws with a message for a person. */
	@FunctionalInterface
	public interface VariableResolver {
		String resolve(String text) throws FlashException;
	}

	private static final long MAX_ADDRESS = 0xFFFF_FFFFL;
	private static final int MAX_TRANSFER_SIZE = 0xFFFF;
	private static final int MAX_TIMEOUT_SECONDS = 3600;

	/**
	 * Checks every value, in the order the dialog shows them; the first problem is the message. The
	 * firmware file must exist and be readable now.
	 */
	public static FlashSettings parse(FlashConfiguration raw, VariableResolver variables) throws FlashException {
		Optional<String> boardProblem = raw.board().problem();
		if (boardProblem.isPresent()) {
			throw new FlashException(boardProblem.get());
		}
		Path firmware = firmware(raw.firmware(), variables);
		String alt = alt(raw.alt());
		OptionalLong address = raw.dfuseAddress().isBlank() ? OptionalLong.empty()
				: OptionalLong.of(number(raw.dfuseAddress(), MAX_ADDRESS, Messages.FlashSettings_badAddress));
		OptionalInt transferSize = raw.transferSize().isBlank() ? OptionalInt.empty()
				: OptionalInt.of((int) number(raw.transferSize(), MAX_TRANSFER_SIZE, Messages.FlashSettings_badTransferSize));
		if (transferSize.isPresent() && transferSize.getAsInt() == 0) {
			throw new FlashException(NLS.bind(Messages.FlashSettings_badTransferSize, raw.transferSize()));
		}
		List<String> extra;
		try {
			extra = ExtraArguments.parse(raw.extraArguments());
		} catch (DfuUtilException e) {
			throw new FlashException(e.getMessage(), e);
		}
		long timeout = number(raw.applicationTimeoutSeconds(), MAX_TIMEOUT_SECONDS, Messages.FlashSettings_badTimeout);
		if (raw.waitForApplication() && timeout == 0) {
			throw new FlashException(NLS.bind(Messages.FlashSettings_badTimeout, raw.applicationTimeoutSeconds()));
		}
		return new FlashSettings(raw.board(), firmware, alt, address, transferSize, extra, raw.waitForApplication(),
				Duration.ofSeconds(timeout), raw.verify());
	}

	private static Path firmware(String text, VariableResolver variables) throws FlashException {
		if (text == null || text.isBlank()) {
			throw new FlashException(Messages.FlashSettings_noFirmware);
		}
		String resolved = variables.resolve(text.strip());
		if (resolved.chars().anyMatch(Character::isISOControl)) {
			throw new FlashException(Messages.FlashSettings_firmwareControl);
		}
		Path path;
		try {
			path = Path.of(resolved);
		} catch (IllegalArgumentException e) {
			throw new FlashException(NLS.bind(Messages.FlashSettings_firmwareMissing, resolved), e);
		}
		if (!path.isAbsolute()) {
			throw new FlashException(NLS.bind(Messages.FlashSettings_firmwareRelative, resolved));
		}
		if (!Files.isRegularFile(path)) {
			throw new FlashException(NLS.bind(Messages.FlashSettings_firmwareMissing, path));
		}
		if (!Files.isReadable(path)) {
			throw new FlashException(NLS.bind(Messages.FlashSettings_firmwareUnreadable, path));
		}
		if (!FirmwareFiles.hasFirmwareName(path.getFileName().toString())) {
			throw new FlashException(NLS.bind(Messages.FlashSettings_notFirmware, path.getFileName()));
		}
		try {
			if (Files.size(path) == 0) {
				throw new FlashException(NLS.bind(Messages.FlashSettings_firmwareEmpty, path));
			}
		} catch (IOException e) {
			throw new FlashException(NLS.bind(Messages.FlashSettings_firmwareUnreadable, path), e);
		}
		return path;
	}

	static String alt(String text) throws FlashException {
		String alt = text == null ? "" : text.strip(); //$NON-NLS-1$
		if (alt.isEmpty()) {
			throw new FlashException(Messages.FlashSettings_noAlt);
		}
		OptionalLong index = cNumber(alt);
		if (index.isPresent()) {
			if (index.getAsLong() > 255) {
				throw new FlashException(NLS.bind(Messages.FlashSettings_badAlt, alt));
			}
			return Long.toString(index.getAsLong());
		}
		// A name: dfu-util compares it with the alt settings' iInterface strings.
		if (alt.startsWith("-") || alt.chars().anyMatch(Character::isISOControl)) { //$NON-NLS-1$
			throw new FlashException(NLS.bind(Messages.FlashSettings_badAlt, alt));
		}
		return alt;
	}

	/**
	 * The number dfu-util reads for {@code -a}, with {@code strtoul(text, &end, 0)}, when the whole text is one:
	 * 0x-hexadecimal, 0-octal or decimal. Otherwise empty, and dfu-util takes the text as an alt name ("08" too).
	 */
	private static OptionalLong cNumber(String text) {
		String digits = text;
		int radix = 10;
		if (text.length() > 2 && (text.startsWith("0x") || text.startsWith("0X"))) { //$NON-NLS-1$ //$NON-NLS-2$
			digits = text.substring(2);
			radix = 16;
		} else if (text.length() > 1 && text.startsWith("0")) { //$NON-NLS-1$
			digits = text.substring(1);
			radix = 8;
		}
		int base = radix;
		if (digits.isEmpty() || !digits.chars().allMatch(c -> c < 0x80 && Character.digit(c, base) >= 0)) {
			return OptionalLong.empty();
		}
		// Too long for a long is too big for an alt setting; strtoul saturates, and dfu-util finds no such alt.
		return OptionalLong.of(digits.length() > 15 ? Long.MAX_VALUE : Long.parseLong(digits, base));
	}

	/** A decimal or 0x-hexadecimal number from 0 to {@code max}. */
	static long number(String text, long max, String message) throws FlashException {
		String value = text == null ? "" : text.strip(); //$NON-NLS-1$
		try {
			long number = value.startsWith("0x") || value.startsWith("0X") //$NON-NLS-1$ //$NON-NLS-2$
					? Long.parseLong(value.substring(2), 16)
					: Long.parseLong(value);
			if (number >= 0 && number <= max && value.length() <= 18) {
				return number;
			}
		} catch (NumberFormatException e) {
			// reported below, with the value
		}
		throw new FlashException(NLS.bind(message, value));
	}

	/** The same settings for another board (one of several a configuration names). */
	public FlashSettings withBoard(BoardSelector other) {
		return new FlashSettings(other, firmware, alt, dfuseAddress, transferSize, extraArguments, waitForApplication,
				applicationTimeout, verify);
	}

	/** What dfu-util's command line carries of these settings. */
	public DfuUtilOptions dfuUtilOptions() {
		return new DfuUtilOptions(alt, dfuseAddressText(), transferSize, extraArguments);
	}

	/** The DfuSe address as dfu-util reads it. */
	public Optional<String> dfuseAddressText() {
		return dfuseAddress.isPresent() ? Optional.of(String.format("0x%08x", Long.valueOf(dfuseAddress.getAsLong()))) //$NON-NLS-1$
				: Optional.empty();
	}
}
