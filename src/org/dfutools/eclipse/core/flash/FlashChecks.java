package org.dfutools.eclipse.core.flash;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.dfutools.eclipse.core.descriptor.AltSetting;
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
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.AltChoice;

/**
 * Whether a flash fits the board, as far as the board is known now: the DFU suffix's IDs, the DfuSe
 * address, the alt setting, a verifying upload. The launch dialog and the flash run the same checks: the
 * flash before it touches the board (with what was seen of its DFU mode before, and its run-time
 * descriptor), and again once the board is in DFU mode, when everything is known.
 */
public final class FlashChecks {

	private FlashChecks() {
	}

	/** Throws with the message for the user at the first check that fails. */
	public static void check(FlashSettings settings, FirmwareImage image, Board board) throws OperationException {
		String name = board.device().displayName();
		Optional<DfuDeviceRecord> dfuMode = board.knownDfuMode();
		if (dfuMode.isPresent()) {
			try {
				image.checkFor(dfuMode.get().id(), name);
			} catch (FirmwareException e) {
				throw new OperationException(e.getMessage(), e);
			}
		}
		Optional<Boolean> dfuSe = AltChoice.speaksDfuSe(board);
		if (dfuSe.equals(Optional.of(Boolean.FALSE))) {
			if (settings.dfuseAddress().isPresent()) {
				throw new OperationException(NLS.bind(Messages.FlashChecks_addressNotDfuSe, name));
			}
			if (image.dfuSeContainer()) {
				throw new OperationException(NLS.bind(Messages.FlashChecks_containerNotDfuSe, image.file().getFileName(), name));
			}
		}
		boolean segments = image.segments().isPresent();
		if (dfuSe.equals(Optional.of(Boolean.TRUE)) && settings.dfuseAddress().isEmpty() && !image.dfuSeContainer() && !segments) {
			throw new OperationException(NLS.bind(Messages.FlashChecks_dfuSeNeedsAddress, name));
		}
		if (dfuMode.isPresent()) {
			AltChoice.check(settings.alt(), dfuMode.get(), name);
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
	public static FirmwareImage prepare(FlashSettings settings, FirmwareImage image, Board board) throws OperationException {
		if (image.segments().isEmpty()) {
			return image;
		}
		AddressedImage segments = image.segments().get();
		Optional<Boolean> dfuSe = AltChoice.speaksDfuSe(board);
		String name = board.device().displayName();
		try {
			if (dfuSe.equals(Optional.of(Boolean.FALSE))) {
				FirmwareImage laidOut = image.forPlainDfu();
				checkPlainSize(laidOut, AltChoice.altOf(settings.alt(), board), name);
				return laidOut;
			}
			if (dfuSe.isEmpty()) {
				return image;
			}
			OptionalLong address = settings.dfuseAddress();
			if (address.isPresent() && address.getAsLong() != segments.lowest()) {
				throw new OperationException(NLS.bind(Messages.FlashChecks_addressNotLowest, new Object[] { image.file().getFileName(),
						Segment.hex(segments.lowest()), Segment.hex(address.getAsLong()) }));
			}
			Optional<DfuDeviceRecord> dfuMode = board.knownDfuMode();
			Optional<AltSetting> alt = AltChoice.altOf(settings.alt(), board);
			if (alt.isPresent()) {
				checkLayout(image, segments.segments().stream().map(segment -> new Region(segment.address(), segment.data().length)).toList(),
						alt.get(), AltChoice.dfuModeAlts(dfuMode.get()), name, Messages.FlashChecks_segmentOutsideLayout);
			}
			int number = AltChoice.number(settings.alt(), alt);
			String target = alt.map(AltSetting::name).filter(text -> text != null).orElse(""); //$NON-NLS-1$
			UsbId id = dfuMode.map(DfuDeviceRecord::id).orElse(new UsbId(DfuSuffix.ANY, DfuSuffix.ANY));
			return image.forDfuSe(number, target, id);
		} catch (FirmwareException e) {
			throw new OperationException(e.getMessage(), e);
		}
	}

	/** Every range in writable sectors of the alt; a range that another alt's memory holds names that alt. */
	private static void checkLayout(FirmwareImage image, List<Region> ranges, AltSetting alt, List<AltSetting> alts,
			String name, String outsideMessage) throws OperationException {
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
				throw new OperationException(NLS.bind(Messages.FlashChecks_segmentInOtherAlt, new Object[] { image.file().getFileName(),
						written, AltChoice.describe(other.get()), AltChoice.describe(alt) }));
			}
			throw new OperationException(NLS.bind(outsideMessage, new Object[] { image.file().getFileName(),
					written, Segment.hex(outside.get().longValue()), name, AltChoice.describe(alt), alt.name() }));
		}
	}

	/**
	 * A DfuSe file of the user's has a target for the alt setting (dfu-util skips the others, and would write nothing),
	 * and its elements lie in writable sectors of that alt's layout, as a build output's segments must.
	 */
	private static void checkContainer(FlashSettings settings, FirmwareImage image, DfuDeviceRecord dfuMode, String name)
			throws OperationException {
		if (!image.dfuSeContainer() || image.segments().isPresent()) {
			return;
		}
		Optional<AltSetting> alt = AltChoice.altFor(settings.alt(), dfuMode);
		int number = AltChoice.number(settings.alt(), alt);
		Optional<AddressedImage> elements = elementsOf(image, number);
		if (elements.isEmpty()) {
			throw new OperationException(NLS.bind(Messages.FlashChecks_noTargetForAlt, new Object[] { image.file().getFileName(),
					name, alt.map(AltChoice::describe).orElse(Integer.toString(number)) }));
		}
		if (alt.isPresent()) {
			checkLayout(image, elements.get().segments().stream().map(segment -> new Region(segment.address(), segment.data().length))
					.toList(), alt.get(), AltChoice.dfuModeAlts(dfuMode), name, Messages.FlashChecks_elementOutsideLayout);
		}
	}

	/** What a DfuSe container writes through alt setting {@code alt}; empty when it has no target for it. */
	static Optional<AddressedImage> elementsOf(FirmwareImage image, int alt) throws OperationException {
		try {
			return image.dfuSeElements(alt);
		} catch (FirmwareException e) {
			throw new OperationException(e.getMessage(), e);
		}
	}

	/**
	 * An image for a plain DFU board is no larger than the alt's memory, when the board says how large it is: DFU 1.1
	 * has no field for it, but some plain bootloaders name their alt settings with a DfuSe memory layout.
	 */
	private static void checkPlainSize(FirmwareImage written, Optional<AltSetting> alt, String name) throws OperationException {
		Optional<DfuSeMemoryLayout> layout = alt.flatMap(setting -> DfuSeMemoryLayout.parse(setting.name()));
		if (layout.isEmpty()) {
			return;
		}
		long memory = layout.get().writableRegions().stream().mapToLong(Region::size).sum();
		if (written.size() > memory) {
			throw new OperationException(NLS.bind(Messages.FlashChecks_largerThanMemory, new Object[] { written.file().getFileName(),
					Integer.valueOf(written.size()), name, AltChoice.describe(alt.get()), Long.valueOf(memory), alt.get().name() }));
		}
	}

	/**
	 * A .bin (or .dfu with a plain suffix) fits where it goes: on a DfuSe board, from the DfuSe address into writable
	 * sectors of the alt's layout (a wrong address would write it where it does not belong); on a plain DFU board, into
	 * the alt's memory when the board says how large it is.
	 */
	private static void checkRawImage(FlashSettings settings, FirmwareImage image, DfuDeviceRecord dfuMode,
			Optional<Boolean> dfuSe, String name) throws OperationException {
		if (image.segments().isPresent() || image.dfuSeContainer() || image.size() == 0) {
			return;
		}
		Optional<AltSetting> alt = AltChoice.altFor(settings.alt(), dfuMode);
		if (dfuSe.equals(Optional.of(Boolean.TRUE)) && settings.dfuseAddress().isPresent() && alt.isPresent()) {
			checkLayout(image, List.of(new Region(settings.dfuseAddress().getAsLong(), image.size())), alt.get(),
					AltChoice.dfuModeAlts(dfuMode), name, Messages.FlashChecks_imageOutsideLayout);
		} else if (dfuSe.equals(Optional.of(Boolean.FALSE))) {
			checkPlainSize(image, alt, name);
		}
	}

	/**
	 * A read-back needs a board that can upload, and on DfuSe the address of a raw image (a DfuSe container is read
	 * back element by element, each at its own address).
	 */
	private static void checkVerifiable(FlashSettings settings, FirmwareImage image, Board board, Optional<Boolean> dfuSe)
			throws OperationException {
		String name = board.device().displayName();
		DfuDeviceRecord known = board.knownDfuMode().orElse(board.device());
		boolean canUpload = known.functional().map(FunctionalDescriptor::canUpload).orElse(true);
		if (!canUpload) {
			throw new OperationException(NLS.bind(Messages.FlashChecks_cannotUpload, name));
		}
		if (Objects.equals(dfuSe, Optional.of(Boolean.TRUE)) && settings.dfuseAddress().isEmpty() && image.segments().isEmpty()
				&& !image.dfuSeContainer()) {
			throw new OperationException(NLS.bind(Messages.FlashChecks_dfuSeNeedsAddress, name));
		}
	}
}
