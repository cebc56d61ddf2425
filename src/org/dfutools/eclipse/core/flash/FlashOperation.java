package org.dfutools.eclipse.core.flash;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.BoardWatch;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.dfuutil.DfuUtilOptions;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.dfuutil.DfuUtilSlots;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.dfutools.eclipse.core.firmware.AddressedImage;
import org.dfutools.eclipse.core.firmware.FirmwareException;
import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.firmware.FirmwareImage;
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
 * DFU Flash of one board, on the {@link BoardOperation} skeleton: the firmware file read and checked against the board,
 * then in DFU mode a download with dfu-util on exactly this board, a read-back when asked, and the wait for the
 * application to come back, which also judges a dfu-util run that failed as the board left DFU mode.
 */
public final class FlashOperation extends DfuUtilOperation<FlashReport> {

	private static final Texts TEXTS = new Texts(Messages.FlashOperation_task, Messages.FlashOperation_checking,
			Messages.FlashOperation_activity, Messages.FlashOperation_statusStarting,
			new ModeSwitch.Statuses(Messages.FlashOperation_statusDetaching, Messages.FlashOperation_statusReturning),
			Messages.FlashOperation_cancelled, Messages.FlashOperation_returningUnwritten, Messages.FlashOperation_returnedUnwritten);

	private final FlashSettings settings;
	private final OperationPreferences preferences;
	private FirmwareImage image;

	public FlashOperation(DfuDeviceService service, DfuUtilVersions versions, OperationPreferences preferences,
			DfuUtilConsole console, FlashSettings settings) {
		this(service, versions, preferences, console, new DfuUtilSlots(Integer.MAX_VALUE), settings);
	}

	/** The flash of one board among several flashed at once, its dfu-util runs taking turns from {@code slots}. */
	public FlashOperation(DfuDeviceService service, DfuUtilVersions versions, OperationPreferences preferences,
			DfuUtilConsole console, DfuUtilSlots slots, FlashSettings settings) {
		super(service, versions, preferences, console, slots, TEXTS);
		this.settings = settings;
		this.preferences = preferences;
	}

	@Override
	protected void readInputs() throws OperationException {
		image = firmware(() -> FirmwareFiles.read(settings.firmware()));
	}

	@Override
	protected Board select(List<Board> boards) throws OperationException {
		return settings.board().select(boards);
	}

	@Override
	protected void checkBeforeTouching(Board board) throws OperationException {
		console.info(NLS.bind(Messages.FlashOperation_firmware, image.file(),
				Long.valueOf(image.segments().map(AddressedImage::bytes).orElse(Long.valueOf(image.size())).longValue())));
		try {
			FlashChecks.check(settings, image, board);
		} catch (OperationException e) {
			throw new OperationException(OperationException.sentence(e.getMessage()) + ' ' + Messages.FlashOperation_untouched, e);
		}
	}

	@Override
	protected void checkInDfuMode(InDfuMode at) throws OperationException {
		try {
			FlashChecks.check(settings, image, at.board());
		} catch (OperationException e) {
			throw at.rebooted() ? e
					: new OperationException(OperationException.sentence(e.getMessage()) + ' ' + Messages.FlashOperation_nothingWritten, e);
		}
	}

	@Override
	protected Duration applicationTimeout() {
		return settings.applicationTimeout();
	}

	@Override
	protected FlashReport inDfuMode(InDfuMode at, IProgressMonitor monitor) throws OperationException {
		SubMonitor progress = SubMonitor.convert(monitor, 100);
		// What dfu-util reads is what was checked, whatever happens to the file from now on.
		FirmwareImage written = FlashChecks.prepare(settings, image, at.board());
		image.segments().ifPresent(segments -> console.info(describeSegments(written, segments)));
		Path checked = firmware(() -> written.copyInto(at.work().path()));
		console.info(NLS.bind(Messages.FlashOperation_writingCopy, checked));
		// The application's return is watched from before the last dfu-util run: it may come at once.
		try (BoardWatch watch = new BoardWatch(service, at.board().id())) {
			ApplicationReturn returns = new ApplicationReturn(watch, console, whereabouts, preferences.reenumerationAllowance());
			DfuUtilRun downloaded = download(at, written, checked, progress.split(settings.verify() ? 55 : 85));
			// When dfu-util failed as the board left DFU mode, the board's return decides.
			Optional<DfuUtilRun> judged = leftAsItEnded(downloaded);
			Board lastInDfu = at.board();
			if (settings.verify()) {
				if (judged.isPresent()) {
					// It left DFU mode as the download ended (not manifestation-tolerant): back in to read it.
					Board back = returns.application(at.board(), settings.applicationTimeout(), judged, progress.split(4));
					console.info(NLS.bind(Messages.FlashOperation_backIntoDfuToVerify, Integer.valueOf(downloaded.exitStatus())));
					lastInDfu = modes.rebootToDfu(at.held(), back, progress.split(3));
				}
				judged = leftAsItEnded(verify(at, lastInDfu, written, progress.split(25)));
			}
			Optional<Board> after = awaitReturn(at, returns, lastInDfu, judged, progress.split(15));
			// dfu-util's progress counts one DfuSe element at a time: a build output's bytes are its segments'.
			long bytes = written.segments().map(AddressedImage::bytes)
					.orElse(Long.valueOf(downloaded.bytes() > 0 ? downloaded.bytes() : written.size())).longValue();
			BoardPlace place = after.isPresent() ? BoardPlace.RUNTIME : whereabouts.place(lastInDfu);
			return new FlashReport(at.before(), after, place, bytes, settings.verify(), at.times().steps(), at.times().total());
		}
	}

	private DfuUtilRun download(InDfuMode at, FirmwareImage written, Path checked, IProgressMonitor monitor)
			throws OperationException {
		at.held().show(Messages.FlashOperation_statusDownloading);
		long start = System.nanoTime();
		DfuUtilCommand download = DfuUtilCommand.download(dfuUtil.executable(), at.board(), service.registry().boards(),
				optionsFor(at.board(), written), checked, !settings.verify());
		DfuUtilRun run = dfuUtil.run(download, at.board(), at.held(), Messages.FlashOperation_statusDownloading, monitor);
		at.times().done(Messages.FlashOperation_stepDownload, start);
		return run;
	}

	private DfuUtilRun verify(InDfuMode at, Board board, FirmwareImage written, IProgressMonitor monitor)
			throws OperationException {
		at.held().show(Messages.FlashOperation_statusVerifying);
		long start = System.nanoTime();
		FlashVerification verification = new FlashVerification(service, dfuUtil, console, whereabouts, at, board, settings);
		DfuUtilRun read = verification.readBack(written, optionsFor(board, written), monitor);
		at.times().done(Messages.FlashOperation_stepVerify, start);
		return read;
	}

	/**
	 * The board back in its application, when it is known to have one or the configuration waits for it; else, after a
	 * dfu-util run that failed as the board left, its departure is all it shows. Empty when not waited for.
	 */
	private Optional<Board> awaitReturn(InDfuMode at, ApplicationReturn returns, Board lastInDfu, Optional<DfuUtilRun> judged,
			IProgressMonitor monitor) throws OperationException {
		// A board never seen in run-time mode may start an application without DFU: then leaving is all it shows.
		boolean applicationKnown = settings.waitForApplication() || lastInDfu.knownRuntime().isPresent();
		if (!applicationKnown && judged.isEmpty()) {
			return Optional.empty();
		}
		at.held().show(Messages.FlashOperation_statusReturning);
		long start = System.nanoTime();
		Optional<Board> after = Optional.empty();
		if (applicationKnown) {
			after = Optional.of(returns.application(lastInDfu, settings.applicationTimeout(), judged, monitor));
		} else {
			returns.departure(lastInDfu, judged.get(), monitor);
		}
		at.times().done(applicationKnown ? Messages.FlashOperation_stepReturn : Messages.FlashOperation_stepLeave, start);
		return after;
	}

	private static Optional<DfuUtilRun> leftAsItEnded(DfuUtilRun run) {
		return run.failedAsTheBoardLeft() ? Optional.of(run) : Optional.empty();
	}

	/**
	 * dfu-util's options for this board in DFU mode: the alt setting by its number once it is known, and no address
	 * beside a DfuSe file (its elements carry theirs; an address typed as well is the file's lowest, checked).
	 */
	private DfuUtilOptions optionsFor(Board board, FirmwareImage written) {
		DfuUtilOptions options = settings.dfuUtilOptions().withAlt(AltChoice.forDfuUtil(settings.alt(), board));
		return written.dfuSeContainer() ? options.withoutAddress() : options;
	}

	/** What a build output holds, and how it is written to this board. */
	private static String describeSegments(FirmwareImage written, AddressedImage segments) {
		String how = written.dfuSeContainer() ? Messages.FlashOperation_asDfuSeFile
				: NLS.bind(Messages.FlashOperation_asPlainImage, Segment.hex(segments.lowest()), Integer.valueOf(written.size()));
		return NLS.bind(Messages.FlashOperation_segments, segments.describe(), how);
	}

	/** A step on the firmware file: what it found wrong is the flash's failure. */
	private static <T> T firmware(FirmwareStep<T> step) throws OperationException {
		try {
			return step.run();
		} catch (FirmwareException e) {
			throw new OperationException(e.getMessage(), e);
		} catch (IOException e) {
			throw new OperationException(NLS.bind(Messages.FlashOperation_noWorkFolder, e.getMessage()), e);
		}
	}

	@FunctionalInterface
	private interface FirmwareStep<T> {
		T run() throws FirmwareException, IOException;
	}
}
