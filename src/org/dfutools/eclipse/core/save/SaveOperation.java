package org.dfutools.eclipse.core.save;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.StartApplicationException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.dfuutil.DfuUtilSlots;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.dfutools.eclipse.core.firmware.FirmwareException;
import org.dfutools.eclipse.core.firmware.SavedFirmware;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.operation.AltChoice;
import org.dfutools.eclipse.core.operation.BoardOperation;
import org.dfutools.eclipse.core.operation.BoardPlace;
import org.dfutools.eclipse.core.operation.DfuUtilOperation;
import org.dfutools.eclipse.core.operation.InDfuMode;
import org.dfutools.eclipse.core.operation.ModeSwitch;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * Save Firmware from Board, on the {@link BoardOperation} skeleton: reads a board's memory with dfu-util into a file
 * that flashes back to it. A board running its application is started in it again afterwards; a board found in DFU
 * mode is left there. The chosen file is written only when everything was read, whole or not at all.
 */
public final class SaveOperation extends DfuUtilOperation<SaveReport> {

	private static final Texts TEXTS = new Texts(Messages.SaveOperation_task, Messages.SaveOperation_checking,
			Messages.SaveOperation_activity, Messages.SaveOperation_statusStarting,
			new ModeSwitch.Statuses(Messages.SaveOperation_statusDetaching, Messages.SaveOperation_statusReturning),
			Messages.SaveOperation_cancelled, Messages.SaveOperation_returning, Messages.SaveOperation_returned);

	private final SaveSettings settings;

	public SaveOperation(DfuDeviceService service, DfuUtilVersions versions, OperationPreferences preferences,
			DfuUtilConsole console, SaveSettings settings) {
		super(service, versions, preferences, console, new DfuUtilSlots(Integer.MAX_VALUE), TEXTS);
		this.settings = settings;
	}

	@Override
	protected Board select(List<Board> boards) throws OperationException {
		return settings.board().select(boards);
	}

	@Override
	protected void checkBeforeTouching(Board board) throws OperationException {
		SaveChecks.check(settings, board);
	}

	@Override
	protected void checkInDfuMode(InDfuMode at) throws OperationException {
		SaveChecks.check(settings, at.board());
	}

	@Override
	protected Duration applicationTimeout() {
		return settings.applicationTimeout();
	}

	@Override
	protected SaveReport inDfuMode(InDfuMode at, IProgressMonitor monitor) throws OperationException {
		SubMonitor progress = SubMonitor.convert(monitor, 100);
		BoardReading reading = new BoardReading(service, dfuUtil, at, settings, (failure, m) -> wayBack(at, failure, m));
		at.held().show(Messages.SaveOperation_statusReading);
		Saved saved = DfuUtilCommand.isDfuSe(at.board()) ? dfuSe(at, reading, progress.split(75)) : plainDfu(at, reading, progress.split(75));
		// Split before the file is written: a cancel from now on stops only the way back, not the file.
		IProgressMonitor returning = progress.split(20);
		try {
			SavedFirmware.write(settings.target(), saved.file());
		} catch (FirmwareException e) {
			throw wayBack(at, new OperationException(e.getMessage(), e), progress.split(1));
		}
		console.info(NLS.bind(Messages.SaveOperation_saved, new Object[] { saved.read(), settings.target(),
				Long.valueOf(saved.file().length) }));
		Optional<Board> after = at.rebooted() ? Optional.of(backToApplication(at, returning)) : Optional.empty();
		BoardPlace place = after.isPresent() ? BoardPlace.RUNTIME : whereabouts.place(at.board());
		return new SaveReport(at.before(), after, place, settings.target(), saved.read(), saved.file().length, saved.flashBackAt(),
				at.times().total());
	}

	/** The file's bytes, what was read as a person reads it, and the address a .bin needs to flash back. */
	private record Saved(byte[] file, String read, OptionalLong flashBackAt) {
	}

	private Saved dfuSe(InDfuMode at, BoardReading reading, IProgressMonitor monitor) throws OperationException {
		Board board = at.board();
		List<Segment> regions = reading.dfuSeRegions(SaveChecks.dfuSeRegions(settings, board), monitor);
		Optional<AltSetting> alt = AltChoice.altOf(settings.alt(), board);
		byte[] file = SavedFirmware.ofDfuSe(settings.format(), regions, AltChoice.number(settings.alt(), alt),
				alt.map(AltSetting::name).filter(text -> text != null).orElse(""), board.device().id()); //$NON-NLS-1$
		String read = String.join(", ", regions.stream().map(Segment::range).toList()); //$NON-NLS-1$
		return new Saved(file, read, settings.format() == SavedFirmware.Format.BIN ? OptionalLong.of(regions.get(0).address())
				: OptionalLong.empty());
	}

	private Saved plainDfu(InDfuMode at, BoardReading reading, IProgressMonitor monitor) throws OperationException {
		byte[] memory = reading.plainDfu(monitor);
		return new Saved(SavedFirmware.ofPlainDfu(settings.format(), memory, at.board().device().id()),
				NLS.bind(Messages.SaveOperation_plainRange, Integer.valueOf(memory.length)), OptionalLong.empty());
	}

	/** The board this save rebooted, started in its application again: the file is saved whatever happens here. */
	private Board backToApplication(InDfuMode at, IProgressMonitor monitor) throws OperationException {
		try {
			return modes.startApplication(at.held(), at.board(), settings.applicationTimeout(), monitor).board();
		} catch (StartApplicationException e) {
			throw whereabouts.failure(NLS.bind(Messages.SaveOperation_savedNotBack, settings.target()) + ' '
					+ OperationException.sentence(e.getMessage()), at.board(), e);
		}
	}
}
