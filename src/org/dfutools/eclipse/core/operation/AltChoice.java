package org.dfutools.eclipse.core.operation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.eclipse.osgi.util.NLS;

/**
 * The alt setting an operation's {@code -a} names, among those of the board's DFU mode, and whether that mode speaks
 * DfuSe: what a flash and a save both check and give dfu-util.
 */
public final class AltChoice {

	private AltChoice() {
	}

	/**
	 * The alt setting {@code -a} names among the DFU mode's, if it is there: by its number, its name, or the name
	 * of its DfuSe layout as the dialog shows it ("Internal Flash" for {@code @Internal Flash  /0x08000000/...}).
	 */
	public static Optional<AltSetting> altFor(String alt, DfuDeviceRecord dfuMode) {
		OptionalInt number = numberOf(alt);
		List<AltSetting> alts = dfuModeAlts(dfuMode);
		if (number.isPresent()) {
			return alts.stream().filter(setting -> setting.alternateSetting() == number.getAsInt()).findFirst();
		}
		Optional<AltSetting> byName = alts.stream().filter(setting -> alt.equals(setting.name())).findFirst();
		return byName.isPresent() ? byName
				: alts.stream().filter(setting -> DfuSeMemoryLayout.parse(setting.name()).map(DfuSeMemoryLayout::name)
						.filter(alt::equals).isPresent()).findFirst();
	}

	/** The alt setting {@code -a} names on this board, once its DFU mode's alt settings are known. */
	public static Optional<AltSetting> altOf(String alt, Board board) {
		return board.knownDfuMode().flatMap(dfuMode -> altFor(alt, dfuMode));
	}

	/**
	 * The alt setting as dfu-util's {@code -a} is given it for a board in DFU mode: its number once the board's alt
	 * settings are known (dfu-util matches a name only as the whole iInterface string), else as the user wrote it.
	 */
	public static String forDfuUtil(String alt, Board board) {
		return altOf(alt, board).map(setting -> Integer.toString(setting.alternateSetting())).orElse(alt);
	}

	/** The alt setting's number for a DfuSe file's target: the one found, else the number given, else 0. */
	public static int number(String alt, Optional<AltSetting> found) {
		return found.map(AltSetting::alternateSetting).orElse(Integer.valueOf(numberOf(alt).orElse(0))).intValue();
	}

	/** An alt setting given by number (decimal digits, at most 255 as dfu-util takes it); empty for a name. */
	private static OptionalInt numberOf(String alt) {
		return alt.matches("\\d{1,3}") && Integer.parseInt(alt) <= 255 ? OptionalInt.of(Integer.parseInt(alt)) //$NON-NLS-1$
				: OptionalInt.empty();
	}

	/**
	 * Whether the board speaks DfuSe in DFU mode: what its DFU mode showed when it was seen, else yes when
	 * its run-time descriptor already says DfuSe (bcdDFUVersion 0x011A), else not known.
	 */
	public static Optional<Boolean> speaksDfuSe(Board board) {
		if (board.knownDfuMode().isPresent()) {
			return Optional.of(board.knownDfuMode().get().functional().map(FunctionalDescriptor::isDfuSe).orElse(false));
		}
		return board.device().functional().filter(FunctionalDescriptor::isDfuSe).map(f -> Boolean.TRUE);
	}

	/** The alt settings of the board's DFU-mode interface, as dfu-util's {@code -a} sees them. */
	public static List<AltSetting> dfuModeAlts(DfuDeviceRecord dfuMode) {
		return dfuMode.primaryInterface().map(DfuInterface::altSettings).orElse(List.of());
	}

	public static void check(String alt, DfuDeviceRecord dfuMode, String name) throws OperationException {
		List<AltSetting> alts = dfuModeAlts(dfuMode);
		if (alts.isEmpty()) {
			return;
		}
		if (altFor(alt, dfuMode).isEmpty()) {
			String known = alts.stream().map(AltChoice::describe).collect(Collectors.joining(", ")); //$NON-NLS-1$
			throw new OperationException(NLS.bind(Messages.AltChoice_noSuchAlt, new Object[] { name, alt, known }));
		}
	}

	/** "0 (Flash)", "0 (Internal Flash)" for a DfuSe layout (its name without the addresses), or "0" without a name. */
	public static String describe(AltSetting setting) {
		String number = Integer.toString(setting.alternateSetting());
		String name = DfuSeMemoryLayout.parse(setting.name()).map(DfuSeMemoryLayout::name).orElse(setting.name());
		return name == null || name.isEmpty() ? number : number + " (" + name + ")"; //$NON-NLS-1$ //$NON-NLS-2$
	}
}
