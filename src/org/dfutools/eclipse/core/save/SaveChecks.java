package org.dfutools.eclipse.core.save;

import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout;
import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout.Region;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.firmware.SavedFirmware;
import org.dfutools.eclipse.core.firmware.Segment;
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.AltChoice;

/**
 * Whether a board can be read as Save Firmware from Board is asked to, as far as the board is known now: the
 * dialog and the operation run the same checks, the operation once more with the board in DFU mode.
 */
public final class SaveChecks {

	/** The most one save reads: as much as DFU Flash writes at once, and well inside what a Java array holds. */
	static final long LARGEST = 256L << 20;

	private SaveChecks() {
	}

	/** Throws with the message for the user at the first check that fails. */
	public static void check(SaveSettings settings, Board board) throws OperationException {
		String name = board.device().displayName();
		DfuDeviceRecord known = board.knownDfuMode().orElse(board.device());
		if (!known.functional().map(FunctionalDescriptor::canUpload).orElse(Boolean.TRUE).booleanValue()) {
			throw new OperationException(NLS.bind(Messages.SaveChecks_cannotUpload, name));
		}
		Optional<Boolean> dfuSe = AltChoice.speaksDfuSe(board);
		if (dfuSe.equals(Optional.of(Boolean.FALSE)) && settings.address().isPresent()) {
			throw new OperationException(NLS.bind(Messages.SaveChecks_noAddressOnPlainDfu, name));
		}
		Optional<DfuDeviceRecord> dfuMode = board.knownDfuMode();
		if (dfuMode.isEmpty()) {
			return;
		}
		AltChoice.check(settings.alt(), dfuMode.get(), name);
		if (dfuSe.equals(Optional.of(Boolean.TRUE))) {
			List<Region> regions = dfuSeRegions(settings, board);
			long bytes = regions.stream().mapToLong(Region::size).sum();
			if (bytes > LARGEST) {
				throw new OperationException(NLS.bind(Messages.SaveChecks_tooLarge, new Object[] { name, Long.valueOf(bytes),
						Long.valueOf(LARGEST) }));
			}
			if (settings.format() == SavedFirmware.Format.BIN && regions.size() > 1) {
				throw new OperationException(NLS.bind(Messages.SaveChecks_severalRegions, name, Integer.valueOf(regions.size())));
			}
		}
	}

	/**
	 * What to read from a DfuSe board whose DFU mode is known: the range given; else the alt setting's writable
	 * memory (from its start, at most the length when one is given).
	 */
	public static List<Region> dfuSeRegions(SaveSettings settings, Board board) throws OperationException {
		String name = board.device().displayName();
		Optional<AltSetting> alt = AltChoice.altOf(settings.alt(), board);
		if (settings.address().isPresent()) {
			Region range = new Region(settings.address().getAsLong(), settings.length().getAsLong());
			checkReadable(range, alt, name);
			return List.of(range);
		}
		List<Region> regions = alt.flatMap(setting -> DfuSeMemoryLayout.parse(setting.name()))
				.map(DfuSeMemoryLayout::writableRegions).orElse(List.of());
		if (regions.isEmpty()) {
			throw new OperationException(NLS.bind(Messages.SaveChecks_noLayout, name, settings.alt()));
		}
		if (settings.length().isPresent()) {
			Region first = regions.get(0);
			long length = settings.length().getAsLong();
			if (length > first.size()) {
				throw new OperationException(NLS.bind(Messages.SaveChecks_longerThanRegion, new Object[] { name, Long.valueOf(length),
						Segment.hex(first.address()), Long.valueOf(first.size()) }));
			}
			return List.of(new Region(first.address(), length));
		}
		return regions;
	}

	/** A range given by address lies in readable sectors of the alt's layout, when it has one: else dfu-util stops on it. */
	private static void checkReadable(Region range, Optional<AltSetting> alt, String name) throws OperationException {
		Optional<DfuSeMemoryLayout> layout = alt.flatMap(setting -> DfuSeMemoryLayout.parse(setting.name()));
		Optional<Long> outside = layout.flatMap(l -> l.firstUnreadable(range.address(), range.address() + range.size()));
		if (outside.isPresent()) {
			throw new OperationException(NLS.bind(Messages.SaveChecks_outsideLayout, new Object[] { Segment.range(range.address(), range.size()),
					Segment.hex(outside.get().longValue()), name, AltChoice.describe(alt.get()), alt.get().name() }));
		}
	}
}
