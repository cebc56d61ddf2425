package org.dfutools.eclipse.core.flash;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout;
import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout.Region;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.firmware.AddressedImage;
import org.dfutools.eclipse.core.firmware.DfuSuffix;
import org.dfutools.eclipse.core.firmware.FirmwareException;
import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.core.firmware.Segment;
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
		Optional<DfuDeviceRecord> dfuMode = board.knownDfuMode();
		if (dfuMode.isPresent()) {
			try {
				image.checkFor(dfuMode.get().id(), name);
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
		boolean segments = image.segments().isPresent();
		if (dfuSe.equals(Optional.of(Boolean.TRUE)) && settings.dfuseAddress().isEmpty() && !image.dfuSeContainer() && !segments) {
			throw new FlashException(NLS.bind(Messages.FlashChecks_dfuSeNeedsAddress, name));
		}
		if (dfuMode.isPresent()) {
			checkAlt(settings.alt(), dfuMode.get(), name);
			checkRawImage(settings, image, dfuMode.get(), dfuSe, name);
			checkContainer(settings, image, dfuMode.get(), name);
		}
		if (segments) {
			// Refused as writing would refuse it, but before the board is touched.
			prepare(settings, image, board);
		}
		if (settings.verify()) {
			checkVerifiable(settings, image, board, dfuSe);
		}
	}

	/**
	 * The bytes dfu-util is given for this board: a .bin or .dfu file as it is; a build output as a DfuSe file for
	 * the alt setting, its segments checked against the alt's memory layout, on a DfuSe board, or laid out from its
	 * lowest address on a plain DFU board. A build output for a board whose kind is not known yet is returned as it
	 * is (it is prepared again once the board is in DFU mode).
	 */
	public static FirmwareImage prepare(FlashSettings settings, FirmwareImage image, Board board) throws FlashException {
		if (image.segments().isEmpty()) {
			return image;
		}
		AddressedImage segments = image.segments().get();
		Optional<Boolean> dfuSe = speaksDfuSe(board);
		String name = board.device().displayName();
		try {
			if (dfuSe.equals(Optional.of(Boolean.FALSE))) {
				FirmwareImage laidOut = image.forPlainDfu();
				checkPlainSize(laidOut, altOf(settings.alt(), board), name);
				return laidOut;
			}
			if (dfuSe.isEmpty()) {
				return image;
			}
			OptionalLong address = settings.dfuseAddress();
			if (address.isPresent() && address.getAsLong() != segments.lowest()) {
				throw new FlashException(NLS.bind(Messages.FlashChecks_addressNotLowest, new Object[] { image.file().getFileName(),
						Segment.hex(segments.lowest()), Segment.hex(address.getAsLong()) }));
			}
			Optional<DfuDeviceRecord> dfuMode = board.knownDfuMode();
			Optional<AltSetting> alt = altOf(settings.alt(), board);
			if (alt.isPresent()) {
				checkLayout(image, segments.segments().stream().map(segment -> new Region(segment.address(), segment.data().length)).toList(),
						alt.get(), dfuModeAlts(dfuMode.get()), name, Messages.FlashChecks_segmentOutsideLayout);
			}
			int number = altNumber(settings.alt(), alt);
			String target = alt.map(AltSetting::name).filter(text -> text != null).orElse(""); //$NON-NLS-1$
			UsbId id = dfuMode.map(DfuDeviceRecord::id).orElse(new UsbId(DfuSuffix.ANY, DfuSuffix.ANY));
			return image.forDfuSe(number, target, id);
		} catch (FirmwareException e) {
			throw new FlashException(e.getMessage(), e);
		}
	}

	/** Every range in writable sectors of the alt; a range that another alt's memory holds names that alt. */
	private static void checkLayout(FirmwareImage image, List<Region> ranges, AltSetting alt, List<AltSetting> alts,
			String name, String outsideMessage) throws FlashException {
		Optional<DfuSeMemoryLayout> layout = DfuSeMemoryLayout.parse(alt.name());
		if (layout.isEmpty()) {
			return;
		}
		for (Region range : ranges) {
			long end = range.address() + range.size();
			Optional<Long> outside = layout.get().firstUnwritable(range.address(), end);
			if (outside.isEmpty()) {
				continue;
			}
			String written = Segment.range(range.address(), range.size());
			Optional<AltSetting> other = alts.stream().filter(setting -> setting.alternateSetting() != alt.alternateSetting())
					.filter(setting -> DfuSeMemoryLayout.parse(setting.name())
							.map(l -> l.firstUnwritable(range.address(), end).isEmpty()).orElse(false))
					.findFirst();
			if (other.isPresent()) {
				throw new FlashException(NLS.bind(Messages.FlashChecks_segmentInOtherAlt, new Object[] { image.file().getFileName(),
						written, describe(other.get()), describe(alt) }));
			}
			throw new FlashException(NLS.bind(outsideMessage, new Object[] { image.file().getFileName(),
					written, Segment.hex(outside.get().longValue()), name, describe(alt), alt.name() }));
		}
	}

	/**
	 * A DfuSe file of the user's has a target for the alt setting (dfu-util skips the others, and would write nothing),
	 * and its elements lie in writable sectors of that alt's layout, as a build output's segments must.
	 */
	private static void checkContainer(FlashSettings settings, FirmwareImage image, DfuDeviceRecord dfuMode, String name)
			throws FlashException {
		if (!image.dfuSeContainer() || image.segments().isPresent()) {
			return;
		}
		Optional<AltSetting> alt = altFor(settings.alt(), dfuMode);
		int number = altNumber(settings.alt(), alt);
		Optional<AddressedImage> elements = elementsOf(image, number);
		if (elements.isEmpty()) {
			throw new FlashException(NLS.bind(Messages.FlashChecks_noTargetForAlt, new Object[] { image.file().getFileName(),
					name, alt.map(FlashChecks::describe).orElse(Integer.toString(number)) }));
		}
		if (alt.isPresent()) {
			checkLayout(image, elements.get().segments().stream().map(segment -> new Region(segment.address(), segment.data().length))
					.toList(), alt.get(), dfuModeAlts(dfuMode), name, Messages.FlashChecks_elementOutsideLayout);
		}
	}

	/** What a DfuSe container writes through alt setting {@code alt}; empty when it has no target for it. */
	static Optional<AddressedImage> elementsOf(FirmwareImage image, int alt) throws FlashException {
		try {
			return image.dfuSeElements(alt);
		} catch (FirmwareException e) {
			throw new FlashException(e.getMessage(), e);
		}
	}

	/**
	 * An image for a plain DFU board is no larger than the alt's memory, when the board says how large it is: DFU 1.1
	 * has no field for it, but some plain bootloaders name their alt settings with a DfuSe memory layout.
	 */
	private static void checkPlainSize(FirmwareImage written, Optional<AltSetting> alt, String name) throws FlashException {
		Optional<DfuSeMemoryLayout> layout = alt.flatMap(setting -> DfuSeMemoryLayout.parse(setting.name()));
		if (layout.isEmpty()) {
			return;
		}
		long memory = layout.get().writableRegions().stream().mapToLong(Region::size).sum();
		if (written.size() > memory) {
			throw new FlashException(NLS.bind(Messages.FlashChecks_largerThanMemory, new Object[] { written.file().getFileName(),
					Integer.valueOf(written.size()), name, describe(alt.get()), Long.valueOf(memory), alt.get().name() }));
		}
	}

	/**
	 * A .bin (or .dfu with a plain suffix) fits where it goes: on a DfuSe board, from the DfuSe address into writable
	 * sectors of the alt's layout (a wrong address would write it where it does not belong); on a plain DFU board, into
	 * the alt's memory when the board says how large it is.
	 */
	private static void checkRawImage(FlashSettings settings, FirmwareImage image, DfuDeviceRecord dfuMode,
			Optional<Boolean> dfuSe, String name) throws FlashException {
		if (image.segments().isPresent() || image.dfuSeContainer() || image.size() == 0) {
			return;
		}
		Optional<AltSetting> alt = altFor(settings.alt(), dfuMode);
		if (dfuSe.equals(Optional.of(Boolean.TRUE)) && settings.dfuseAddress().isPresent() && alt.isPresent()) {
			checkLayout(image, List.of(new Region(settings.dfuseAddress().getAsLong(), image.size())), alt.get(),
					dfuModeAlts(dfuMode), name, Messages.FlashChecks_imageOutsideLayout);
		} else if (dfuSe.equals(Optional.of(Boolean.FALSE))) {
			checkPlainSize(image, alt, name);
		}
	}

	/**
	 * The alt setting {@code -a} names among the DFU mode's, if it is there: by its number, its name, or the name
	 * of its DfuSe layout as the dialog shows it ("Internal Flash" for {@code @Internal Flash  /0x08000000/...}).
	 */
	static Optional<AltSetting> altFor(String alt, DfuDeviceRecord dfuMode) {
		OptionalInt number = number(alt);
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
	static Optional<AltSetting> altOf(String alt, Board board) {
		return board.knownDfuMode().flatMap(dfuMode -> altFor(alt, dfuMode));
	}

	/**
	 * The alt setting as dfu-util's {@code -a} is given it for a board in DFU mode: its number once the board's alt
	 * settings are known (dfu-util matches a name only as the whole iInterface string), else as the user wrote it.
	 */
	public static String altForDfuUtil(String alt, Board board) {
		return altOf(alt, board).map(setting -> Integer.toString(setting.alternateSetting())).orElse(alt);
	}

	/** The alt setting's number for a DfuSe file's target: the one found, else the number given, else 0. */
	static int altNumber(String alt, Optional<AltSetting> found) {
		return found.map(AltSetting::alternateSetting).orElse(Integer.valueOf(number(alt).orElse(0))).intValue();
	}

	/** An alt setting given by number (decimal digits, at most 255 as dfu-util takes it); empty for a name. */
	private static OptionalInt number(String alt) {
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

	static void checkAlt(String alt, DfuDeviceRecord dfuMode, String name) throws FlashException {
		List<AltSetting> alts = dfuModeAlts(dfuMode);
		if (alts.isEmpty()) {
			return;
		}
		if (altFor(alt, dfuMode).isEmpty()) {
			String known = alts.stream().map(FlashChecks::describe).collect(Collectors.joining(", ")); //$NON-NLS-1$
			throw new FlashException(NLS.bind(Messages.FlashChecks_noSuchAlt, new Object[] { name, alt, known }));
		}
	}

	/** "0 (Flash)", "0 (Internal Flash)" for a DfuSe layout (its name without the addresses), or "0" without a name. */
	public static String describe(AltSetting setting) {
		String number = Integer.toString(setting.alternateSetting());
		String name = DfuSeMemoryLayout.parse(setting.name()).map(DfuSeMemoryLayout::name).orElse(setting.name());
		return name == null || name.isEmpty() ? number : number + " (" + name + ")"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * A read-back needs a board that can upload, and on DfuSe the address of a raw image (a DfuSe container is read
	 * back element by element, each at its own address).
	 */
	private static void checkVerifiable(FlashSettings settings, FirmwareImage image, Board board, Optional<Boolean> dfuSe)
			throws FlashException {
		String name = board.device().displayName();
		DfuDeviceRecord known = board.knownDfuMode().orElse(board.device());
		boolean canUpload = known.functional().map(FunctionalDescriptor::canUpload).orElse(true);
		if (!canUpload) {
			throw new FlashException(NLS.bind(Messages.FlashChecks_cannotUpload, name));
		}
		if (Objects.equals(dfuSe, Optional.of(Boolean.TRUE)) && settings.dfuseAddress().isEmpty() && image.segments().isEmpty()
				&& !image.dfuSeContainer()) {
			throw new FlashException(NLS.bind(Messages.FlashChecks_dfuSeNeedsAddress, name));
		}
	}
}
