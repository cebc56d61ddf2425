package org.dfutools.eclipse.core.flash;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.core.firmware.FirmwareException;
import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.eclipse.osgi.util.NLS;

/**
 * Whether a flash fits the board, as far as the board is known now: the DFU suffix's IDs, the DfuSe
 * address, the alt setting, a verifying upload. The launch dialog and the chain run the same checks: the
 * chain before it touches the board (with what was seen of its DFU mode before, and its run-time
 * descriptor), and again once the board is in DFU mode, when everything is known.
 */
public final class FlashChecks {

	private FlashChecks() {
	}

	/** Throws with the message for the user at the first check that fails. */
	public static void check(FlashSettings settings, FirmwareImage image, Board board) throws FlashException {
		String name = board.device().displayName();
		Optional<DfuDeviceRecord> dfuMode = board.dfuModeDevice();
		if (board.dfuId().isPresent()) {
			try {
				image.checkFor(board.dfuId().get(), name);
			} catch (FirmwareException e) {
				throw new FlashException(e.getMessage(), e);
			}
		}
		Optional<Boolean> dfuSe = speaksDfuSe(board);
		if (dfuSe.equals(Optional.of(Boolean.FALSE))) {
			if (settings.dfuseAddress().isPresent()) {
				throw new FlashException(NLS.bind(Messages.FlashChecks_addressNotDfuSe, name));
			}
			if (image.dfuSeContainer()) {
				throw new FlashException(NLS.bind(Messages.FlashChecks_containerNotDfuSe, image.file().getFileName(), name));
			}
		}
		if (dfuSe.equals(Optional.of(Boolean.TRUE)) && settings.dfuseAddress().isEmpty() && !image.dfuSeContainer()) {
			throw new FlashException(NLS.bind(Messages.FlashChecks_dfuSeNeedsAddress, name));
		}
		if (dfuMode.isPresent()) {
			checkAlt(settings.alt(), dfuMode.get(), name);
		}
		if (settings.verify()) {
			checkVerifiable(settings, image, board, dfuSe);
		}
	}

	/**
	 * Whether the board speaks DfuSe in DFU mode: what its DFU mode showed when it was seen, else yes when
	 * its run-time descriptor already says DfuSe (bcdDFUVersion 0x011A), else not known.
	 */
	public static Optional<Boolean> speaksDfuSe(Board board) {
		if (board.dfuModeDevice().isPresent()) {
			return Optional.of(board.dfuModeDevice().get().functional().map(FunctionalDescriptor::isDfuSe).orElse(false));
		}
		return board.device().functional().filter(FunctionalDescriptor::isDfuSe).map(f -> Boolean.TRUE);
	}

	/** The alt settings of the board's DFU-mode interface, as dfu-util's {@code -a} sees them. */
	public static List<AltSetting> dfuModeAlts(DfuDeviceRecord dfuMode) {
		return dfuMode.primaryInterface().map(DfuInterface::altSettings).orElse(List.of());
	}

	private static void checkAlt(String alt, DfuDeviceRecord dfuMode, String name) throws FlashException {
		List<AltSetting> alts = dfuModeAlts(dfuMode);
		if (alts.isEmpty()) {
			return;
		}
		boolean found = alt.matches("\\d+") //$NON-NLS-1$
				? alts.stream().anyMatch(setting -> setting.alternateSetting() == Integer.parseInt(alt))
				: alts.stream().anyMatch(setting -> alt.equals(setting.name()));
		if (!found) {
			String known = alts.stream().map(FlashChecks::describe).collect(Collectors.joining(", ")); //$NON-NLS-1$
			throw new FlashException(NLS.bind(Messages.FlashChecks_noSuchAlt, new Object[] { name, alt, known }));
		}
	}

	/** "0 (Flash)", or "0" for an alt setting without a name. */
	public static String describe(AltSetting setting) {
		String number = Integer.toString(setting.alternateSetting());
		return setting.name() == null || setting.name().isEmpty() ? number : number + " (" + setting.name() + ")"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** A read-back needs a board that can upload, one address range (not a DfuSe container), and on DfuSe its address. */
	private static void checkVerifiable(FlashSettings settings, FirmwareImage image, Board board, Optional<Boolean> dfuSe)
			throws FlashException {
		String name = board.device().displayName();
		DfuDeviceRecord known = board.dfuModeDevice().orElse(board.device());
		boolean canUpload = known.functional().map(FunctionalDescriptor::canUpload).orElse(true);
		if (!canUpload) {
			throw new FlashException(NLS.bind(Messages.FlashChecks_cannotUpload, name));
		}
		if (image.dfuSeContainer()) {
			throw new FlashException(Messages.FlashChecks_cannotVerifyContainer);
		}
		if (Objects.equals(dfuSe, Optional.of(Boolean.TRUE)) && settings.dfuseAddress().isEmpty()) {
			throw new FlashException(NLS.bind(Messages.FlashChecks_dfuSeNeedsAddress, name));
		}
	}
}
