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
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.SettingValues;

/**
 * A flash configuration checked and typed: what the flash runs with. Every value that reaches dfu-util
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
		String resolve(String text) throws OperationException;
	}

	private static final long MAX_ADDRESS = 0xFFFF_FFFFL;
	private static final int MAX_TRANSFER_SIZE = 0xFFFF;
	private static final int MAX_TIMEOUT_SECONDS = 3600;

	/**
	 * Checks every value, in the order the dialog shows them; the first problem is the message. The
	 * firmware file must exist and be readable now.
	 */
	public static FlashSettings parse(FlashConfiguration raw, VariableResolver variables) throws OperationException {
		Optional<String> boardProblem = raw.board().problem();
		if (boardProblem.isPresent()) {
			throw new OperationException(boardProblem.get());
		}
		Path firmware;
		try {
			firmware = firmware(raw.firmware(), variables);
		} catch (OperationException e) {
			throw e.stoppedAt(OperationException.StoppedAt.INPUT);
		}
		String alt = SettingValues.alt(raw.alt());
		OptionalLong address = raw.dfuseAddress().isBlank() ? OptionalLong.empty()
				: OptionalLong.of(SettingValues.address(raw.dfuseAddress(), MAX_ADDRESS));
		OptionalInt transferSize = raw.transferSize().isBlank() ? OptionalInt.empty()
				: OptionalInt.of((int) SettingValues.number(raw.transferSize(), MAX_TRANSFER_SIZE, Messages.FlashSettings_badTransferSize));
		if (transferSize.isPresent() && transferSize.getAsInt() == 0) {
			throw new OperationException(NLS.bind(Messages.FlashSettings_badTransferSize, raw.transferSize()));
		}
		List<String> extra;
		try {
			extra = ExtraArguments.parse(raw.extraArguments());
		} catch (DfuUtilException e) {
			throw new OperationException(e.getMessage(), e);
		}
		long timeout = SettingValues.number(raw.applicationTimeoutSeconds(), MAX_TIMEOUT_SECONDS, Messages.FlashSettings_badTimeout);
		if (raw.waitForApplication() && timeout == 0) {
			throw new OperationException(NLS.bind(Messages.FlashSettings_badTimeout, raw.applicationTimeoutSeconds()));
		}
		return new FlashSettings(raw.board(), firmware, alt, address, transferSize, extra, raw.waitForApplication(),
				Duration.ofSeconds(timeout), raw.verify());
	}

	private static Path firmware(String text, VariableResolver variables) throws OperationException {
		if (text == null || text.isBlank()) {
			throw new OperationException(Messages.FlashSettings_noFirmware);
		}
		String resolved = variables.resolve(text.strip());
		if (resolved.chars().anyMatch(Character::isISOControl)) {
			throw new OperationException(Messages.FlashSettings_firmwareControl);
		}
		Path path;
		try {
			path = Path.of(resolved);
		} catch (IllegalArgumentException e) {
			throw new OperationException(NLS.bind(Messages.FlashSettings_firmwareMissing, resolved), e);
		}
		if (!path.isAbsolute()) {
			throw new OperationException(NLS.bind(Messages.FlashSettings_firmwareRelative, resolved));
		}
		if (!Files.isRegularFile(path)) {
			throw new OperationException(NLS.bind(Messages.FlashSettings_firmwareMissing, path));
		}
		if (!Files.isReadable(path)) {
			throw new OperationException(NLS.bind(Messages.FlashSettings_firmwareUnreadable, path));
		}
		if (!FirmwareFiles.hasFirmwareName(path.getFileName().toString())) {
			throw new OperationException(NLS.bind(Messages.FlashSettings_notFirmware, path.getFileName()));
		}
		try {
			if (Files.size(path) == 0) {
				throw new OperationException(NLS.bind(Messages.FlashSettings_firmwareEmpty, path));
			}
		} catch (IOException e) {
			throw new OperationException(NLS.bind(Messages.FlashSettings_firmwareUnreadable, path), e);
		}
		return path;
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
