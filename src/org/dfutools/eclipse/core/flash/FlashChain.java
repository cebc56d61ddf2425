package org.dfutools.eclipse.core.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.firmware.AddressedImage;
import org.dfutools.eclipse.core.firmware.FirmwareException;
import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilExitStatus;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRunner;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.dfu.BoardWatch;
import org.dfutools.eclipse.core.dfu.BoardWatch.CancelledException;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.dfu.DetachException;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.dfu.StartApplication;
import org.dfutools.eclipse.core.dfu.StartApplicationException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilTool;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersion;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * One click's worth of work: check the file and dfu-util, reboot the board into DFU mode, download with
 * dfu-util on exactly this board (and read back to verify, when asked), and wait for the application
 * to come back. Every wait is bounded and follows the monitor; on any failure the message says where
 * the board was left.
 */
public final class FlashChain {

	private static final Duration VERSION_LIMIT = Duration.ofSeconds(5);

	private final DfuDeviceService service;
	private final DfuUtilVersions versions;
	private final FlashTools tools;
	private final DfuUtilConsole console;
	/** The board the chain works on, once it is known: where it was left is part of every failure. */
	private volatile Board target;

	public FlashChain(DfuDeviceService service, DfuUtilVersions versions, FlashTools tools, DfuUtilConsole console) {
		this.service = service;
		this.versions = versions;
		this.tools = tools;
		this.console = console;
	}

	/**
	 * Runs the chain once. Throws with the message for the user when a step fails or is cancelled
	 * ({@link FlashException#isCancelled()}); the message ends with where the board was left.
	 */
	public FlashReport run(FlashSettings settings, IProgressMonitor monitor) throws FlashException {
		try {
			return runSteps(settings, monitor);
		} catch (OperationCanceledException e) {
			throw FlashException.cancelled(target == null ? Messages.FlashChain_cancelled
					: withWhere(Messages.FlashChain_cancelled, target));
		}
	}

	private FlashReport runSteps(FlashSettings settings, IProgressMonitor monitor) throws FlashException {
		SubMonitor progress = SubMonitor.convert(monitor, Messages.FlashChain_task, 100);
		long start = System.nanoTime();
		List<FlashReport.Step> steps = new ArrayList<>();

		// 1. Everything that can be checked without touching the board.
		progress.subTask(Messages.FlashChain_checking);
		Path dfuUtil = dfuUtil(progress);
		FirmwareImage image = firmware(() -> FirmwareFiles.read(settings.firmware()));
		DeviceRegistry registry = awaitListing(progress);
		Board before = settings.board().select(registry.boards());
		target = before;
		info(NLS.bind(Messages.FlashChain_board, describe(before)));
		info(NLS.bind(Messages.FlashChain_firmware, image.file(),
				Long.valueOf(image.segments().map(AddressedImage::bytes).orElse(Long.valueOf(image.size())).longValue())));
		// What would fail once the board is in DFU mode fails now, as far as the board is known.
		FlashChecks.check(settings, image, before);
		return service.busyBoards().whileHolding(before.id(), Messages.FlashChain_activity,
				Messages.FlashChain_statusStarting, held -> {
			// From here on every reset is expected: the board keeps its row while it re-enumerates.
			try (WorkFolder work = WorkFolder.create();
					DeviceRegistry.Reenumeration expected = registry.expectReenumeration(before.id())) {
				steps.add(new FlashReport.Step(Messages.FlashChain_stepCheck, since(start)));
				progress.worked(2);

				// 2. Into DFU mode.
				Board board = before;
				if (!before.mode().isDfuMode()) {
					held.show(Messages.FlashChain_statusDetaching);
					long detachStart = System.nanoTime();
					board = rebootToDfu(held, before, progress.split(23));
					steps.add(new FlashReport.Step(Messages.FlashChain_stepDetach, since(detachStart)));
				}
				progress.setWorkRemaining(75);
				checkInDfuMode(settings, image, board, board != before, held, progress);
				// What dfu-util reads is what was checked, whatever happens to the file from now on.
				FirmwareImage written = FlashChecks.prepare(settings, image, board);
				image.segments().ifPresent(segments -> info(describeSegments(written, segments)));
				Path checked = firmware(() -> written.copyInto(work.path()));
				info(NLS.bind(Messages.FlashChain_writingCopy, checked));

				// 3. dfu-util, then 4. the application's return, watched from before the last run.
				try (BoardWatch watch = new BoardWatch(service, board.id())) {
					held.show(Messages.FlashChain_statusDownloading);
					long downloadStart = System.nanoTime();
					DfuUtilCommand download = DfuUtilCommand.download(dfuUtil, board, registry.boards(), settings.dfuUtilOptions(), checked,
							!settings.verify());
					DfuUtilRun downloaded = runDfuUtil(download, board, held, Messages.FlashChain_statusDownloading,
							progress.split(settings.verify() ? 40 : 65));
					steps.add(new FlashReport.Step(Messages.FlashChain_stepDownload, since(downloadStart)));
					// When dfu-util failed as the board left DFU mode, the board's return decides.
					Optional<DfuUtilRun> judgedByTheBoard = downloaded.failedAsTheBoardLeft() ? Optional.of(downloaded) : Optional.empty();
					Board lastInDfu = board;
					if (settings.verify()) {
						if (judgedByTheBoard.isPresent()) {
							// It left DFU mode as the download ended (not manifestation-tolerant): back in to read it.
							Board back = awaitApplication(watch, board, settings.applicationTimeout(), judgedByTheBoard, progress.split(3));
							info(NLS.bind(Messages.FlashChain_backIntoDfuToVerify, Integer.valueOf(downloaded.exitStatus())));
							held.show(Messages.FlashChain_statusDetaching);
							lastInDfu = rebootToDfu(held, back, progress.split(2));
						}
						held.show(Messages.FlashChain_statusVerifying);
						long verifyStart = System.nanoTime();
						DfuUtilRun read = verify(dfuUtil, lastInDfu, settings, written, work.path(), held, progress.split(20));
						judgedByTheBoard = read.failedAsTheBoardLeft() ? Optional.of(read) : Optional.empty();
						steps.add(new FlashReport.Step(Messages.FlashChain_stepVerify, since(verifyStart)));
					}
					Optional<Board> after = Optional.empty();
					// A board never seen in run-time mode may start an application without DFU: then leaving is all it shows.
					boolean applicationKnown = settings.waitForApplication() || lastInDfu.knownRuntime().isPresent();
					if (applicationKnown || judgedByTheBoard.isPresent()) {
						held.show(Messages.FlashChain_statusReturning);
						long returnStart = System.nanoTime();
						if (applicationKnown) {
							after = Optional.of(awaitApplication(watch, lastInDfu, settings.applicationTimeout(), judgedByTheBoard,
									progress.split(10)));
						} else {
							awaitDeparture(watch, lastInDfu, judgedByTheBoard.get(), progress.split(10));
						}
						steps.add(new FlashReport.Step(applicationKnown ? Messages.FlashChain_stepReturn : Messages.FlashChain_stepLeave,
								since(returnStart)));
					}
					// dfu-util's progress counts one DfuSe element at a time: a build output's bytes are its segments'.
					long bytes = written.segments().map(AddressedImage::bytes)
							.orElse(Long.valueOf(downloaded.bytes() > 0 ? downloaded.bytes() : written.size())).longValue();
					return new FlashReport(before, after, bytes, settings.verify(), steps, since(start));
				}
			}
		}, holder -> new FlashException(NLS.bind(Messages.FlashChain_busy, before.device().displayName(), holder)));
	}

	private Path dfuUtil(IProgressMonitor monitor) throws FlashException {
		try {
			Path executable = DfuUtilTool.locate(tools.dfuUtil());
			DfuUtilVersion version = versions.version(executable, VERSION_LIMIT, monitor);
			info(NLS.bind(Messages.FlashChain_dfuUtil, version, executable));
			return executable;
		} catch (DfuUtilException e) {
			throw new FlashException(e.getMessage(), e);
		} catch (OperationCanceledException e) {
			throw FlashException.cancelled(Messages.FlashChain_cancelledBeforeBoard);
		}
	}

	/** The registry once it lists the attached boards: USB may be starting when the chain is its first user. */
	private DeviceRegistry awaitListing(IProgressMonitor monitor) throws FlashException {
		DeviceRegistry registry = service.registry();
		UsbStatus status;
		try {
			status = registry.awaitStart(DeviceRegistry.START_LIMIT, monitor);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw FlashException.cancelled(Messages.FlashChain_cancelledBeforeBoard);
		}
		if (monitor.isCanceled()) {
			throw FlashException.cancelled(Messages.FlashChain_cancelledBeforeBoard);
		}
		if (status.state() != UsbStatus.State.LISTING) {
			throw new FlashException(NLS.bind(Messages.FlashChain_noUsb,
					status.failure().isEmpty() ? Messages.FlashChain_usbStarting : status.failure()));
		}
		return registry;
	}

	private Board rebootToDfu(BusyBoards.Claim held, Board board, IProgressMonitor monitor) throws FlashException {
		info(NLS.bind(Messages.FlashChain_rebooting, board.device().displayName()));
		if (board.device().functional().isEmpty()) {
			info(NLS.bind(Messages.FlashChain_noFunctional, board.device().displayName(),
					Integer.valueOf(RebootToDfu.FALLBACK_DETACH_TIMEOUT_MS)));
		}
		try {
			DetachResult result = new RebootToDfu(service, tools.reenumerationAllowance()).runWithin(held, board, monitor);
			info(NLS.bind(Messages.FlashChain_inDfuMode, new Object[] { Long.valueOf(result.detachSent().toMillis()),
					Long.valueOf(result.deviceBack().toMillis()), describe(result.board()) }));
			return result.board();
		} catch (DetachException e) {
			String message = withWhere(e.getMessage(), board);
			if (e.reason() == DetachException.Reason.CANCELLED) {
				throw FlashException.cancelled(message);
			}
			throw new FlashException(message, e);
		}
	}

	/** The row's status while dfu-util is in {@code phase}: "Erase" has its own, else the step's ({@code during}). */
	private static String statusOf(String phase, String during) {
		return "Erase".equals(phase) ? Messages.FlashChain_statusErasing : during; //$NON-NLS-1$
	}

	private DfuUtilRun runDfuUtil(DfuUtilCommand command, Board board, BusyBoards.Claim held, String during,
			IProgressMonitor monitor) throws FlashException {
		DfuUtilRun run;
		try {
			run = new DfuUtilRunner(console, phase -> held.show(statusOf(phase, during)))
					.run(command, tools.dfuUtilLimit(), monitor);
		} catch (DfuUtilException e) {
			String message = withWhere(e.getMessage(), board);
			throw e.isCancelled() ? FlashException.cancelled(message) : new FlashException(message, e);
		}
		if (run.failedAsTheBoardLeft()) {
			info(NLS.bind(Messages.FlashChain_judgingByTheBoard, Integer.valueOf(run.exitStatus()), run.lastError()));
		} else if (!run.succeeded()) {
			throw new FlashException(withWhere(DfuUtilExitStatus.describe(run), board));
		} else if (run.exitStatus() != 0) {
			info(NLS.bind(Messages.FlashChain_resetStatus, Integer.valueOf(run.exitStatus())));
		}
		return run;
	}

	private DfuUtilRun verify(Path dfuUtil, Board board, FlashSettings settings, FirmwareImage image, Path folder,
			BusyBoards.Claim held, IProgressMonitor monitor) throws FlashException {
		if (image.dfuSeContainer() && image.segments().isPresent()) {
			return verifySegments(dfuUtil, board, settings, image.segments().get(), folder, held, monitor);
		}
		try {
			Path readBack = readBackTarget(folder);
			DfuUtilRun run = runDfuUtil(DfuUtilCommand.verify(dfuUtil, board, service.registry().boards(), settings.dfuUtilOptions(), readBack,
					image.size()),
					board, held, Messages.FlashChain_statusVerifying, monitor);
			byte[] read = Files.readAllBytes(readBack);
			int mismatch = Arrays.mismatch(image.content(), 0, image.size(), read, 0, Math.min(read.length, image.size()));
			if (read.length < image.size() || mismatch >= 0) {
				int offset = mismatch >= 0 ? mismatch : read.length;
				throw new FlashException(withWhere(NLS.bind(Messages.FlashChain_verifyFailed, Integer.valueOf(offset),
						Integer.valueOf(image.size())), board));
			}
			info(NLS.bind(Messages.FlashChain_verified, Integer.valueOf(image.size())));
			return run;
		} catch (IOException e) {
			throw new FlashException(withWhere(NLS.bind(Messages.FlashChain_verifyIo, e.getMessage()), board), e);
		}
	}

	/** Where one upload writes: dfu-util refuses to overwrite a file with an upload, so the target must not exist yet. */
	private static Path readBackTarget(Path folder) throws IOException {
		return Files.createTempDirectory(folder, "read-back").resolve("read-back.bin"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Reads back each segment of a build output from a DfuSe board, one range at a time; the last one leaves. */
	private DfuUtilRun verifySegments(Path dfuUtil, Board board, FlashSettings settings, AddressedImage segments, Path folder,
			BusyBoards.Claim held, IProgressMonitor monitor) throws FlashException {
		SubMonitor progress = SubMonitor.convert(monitor, segments.segments().size());
		DfuUtilRun last = null;
		try {
			for (int index = 0; index < segments.segments().size(); index++) {
				Segment segment = segments.segments().get(index);
				Path readBack = readBackTarget(folder);
				boolean leave = index == segments.segments().size() - 1;
				last = runDfuUtil(DfuUtilCommand.readRange(dfuUtil, board, service.registry().boards(), settings.dfuUtilOptions(),
						readBack, Segment.hex(segment.address()), segment.data().length, leave),
						board, held, Messages.FlashChain_statusVerifying, progress.split(1));
				byte[] read = Files.readAllBytes(readBack);
				int mismatch = Arrays.mismatch(segment.data(), read);
				if (mismatch >= 0) {
					throw new FlashException(withWhere(NLS.bind(Messages.FlashChain_verifySegmentFailed,
							Segment.hex(segment.address() + mismatch), segment.range()), board));
				}
			}
			info(NLS.bind(Messages.FlashChain_verifiedSegments, Long.valueOf(segments.bytes()),
					Integer.valueOf(segments.segments().size())));
			return last;
		} catch (IOException e) {
			throw new FlashException(withWhere(NLS.bind(Messages.FlashChain_verifyIo, e.getMessage()), board), e);
		}
	}

	/**
	 * Waits for the board to come back in run-time mode from {@code board}, in DFU mode: a new enumeration, so that
	 * no event from before that board's last visit to DFU mode counts. {@code judged} is the dfu-util run that failed as the board
	 * left DFU mode: the board's return makes it a success, and its absence a failure that quotes dfu-util.
	 */
	private Board awaitApplication(BoardWatch watch, Board board, Duration limit, Optional<DfuUtilRun> judged,
			IProgressMonitor monitor) throws FlashException {
		progressNote(monitor, Messages.FlashChain_waitingForApplication);
		long start = System.nanoTime();
		try {
			String inDfu = board.device().location().deviceKey();
			BoardEvent back = watch.await(event -> event.kind() != BoardEvent.Kind.REMOVED && event.board().attached()
					&& !event.board().mode().isDfuMode() && !event.board().device().location().deviceKey().equals(inDfu),
					start + limit.toNanos(), monitor);
			Long seconds = Long.valueOf(limit.toSeconds());
			if (back == null && judged.isPresent()) {
				DfuUtilRun run = judged.get();
				throw new FlashException(withWhere(NLS.bind(Messages.FlashChain_leftButNotBack,
						new Object[] { Integer.valueOf(run.exitStatus()), lastErrorOf(run), seconds }), board));
			}
			if (back == null) {
				throw new FlashException(withWhere(NLS.bind(Messages.FlashChain_applicationNotBack, seconds), board));
			}
			info(NLS.bind(Messages.FlashChain_applicationBack, Long.valueOf(since(start).toMillis()), describe(back.board())));
			judged.ifPresent(run -> info(NLS.bind(Messages.FlashChain_judgedByTheBoard, Integer.valueOf(run.exitStatus()))));
			return back.board();
		} catch (CancelledException e) {
			throw FlashException.cancelled(withWhere(Messages.FlashChain_cancelledWaiting, board));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw FlashException.cancelled(withWhere(Messages.FlashChain_cancelledWaiting, board));
		}
	}

	/**
	 * Waits for a board that has not been seen in run-time mode to leave DFU mode after dfu-util failed as it
	 * should have left: gone from the bus, or back as another device, within the re-enumeration allowance.
	 */
	private void awaitDeparture(BoardWatch watch, Board board, DfuUtilRun judged, IProgressMonitor monitor)
			throws FlashException {
		String inDfu = board.device().location().deviceKey();
		long deadline = System.nanoTime() + tools.reenumerationAllowance().toNanos();
		try {
			BoardEvent left = watch.await(event -> event.kind() == BoardEvent.Kind.REMOVED || event.board().reenumerating()
					|| !event.board().device().location().deviceKey().equals(inDfu), deadline, monitor);
			if (left == null) {
				throw new FlashException(withWhere(NLS.bind(Messages.FlashChain_leftNot, new Object[] { Integer.valueOf(judged.exitStatus()),
						lastErrorOf(judged), Long.valueOf(tools.reenumerationAllowance().toMillis()) }), board));
			}
			info(NLS.bind(Messages.FlashChain_judgedByDeparture, Integer.valueOf(judged.exitStatus())));
		} catch (CancelledException e) {
			throw FlashException.cancelled(withWhere(Messages.FlashChain_cancelledWaiting, board));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw FlashException.cancelled(withWhere(Messages.FlashChain_cancelledWaiting, board));
		}
	}

	/**
	 * The checks again with the board in DFU mode, where all of it is known (its first DFU mode, maybe). When
	 * the chain rebooted the board and nothing has been written, a failure sends it back to its application.
	 */
	private void checkInDfuMode(FlashSettings settings, FirmwareImage image, Board board, boolean rebooted,
			BusyBoards.Claim held, IProgressMonitor monitor) throws FlashException {
		try {
			FlashChecks.check(settings, image, board);
		} catch (FlashException e) {
			if (!rebooted) {
				throw new FlashException(withWhere(e.getMessage(), board), e);
			}
			held.show(Messages.FlashChain_statusReturning);
			info(NLS.bind(Messages.FlashChain_returningUnwritten, e.getMessage()));
			try {
				StartApplication.Result back = new StartApplication(service, tools.reenumerationAllowance(),
						settings.applicationTimeout()).runWithin(held, board, SubMonitor.convert(monitor, 1));
				info(NLS.bind(Messages.FlashChain_applicationBack, Long.valueOf(back.back().toMillis()), describe(back.board())));
				throw new FlashException(sentence(e.getMessage()) + ' ' + Messages.FlashChain_returnedUnwritten, e);
			} catch (StartApplicationException notBack) {
				throw new FlashException(sentence(e.getMessage()) + ' ' + sentence(notBack.getMessage()) + ' '
						+ whereIs(board), e);
			}
		}
	}

	/** What a build output holds, and how it is written to this board. */
	private static String describeSegments(FirmwareImage written, AddressedImage segments) {
		String how = written.dfuSeContainer() ? Messages.FlashChain_asDfuSeFile
				: NLS.bind(Messages.FlashChain_asPlainImage, Segment.hex(segments.lowest()),
						Integer.valueOf(written.size()));
		return NLS.bind(Messages.FlashChain_segments, segments.describe(), how);
	}

	/** dfu-util's last error line in quotes, or that it printed none. */
	private static String lastErrorOf(DfuUtilRun run) {
		return run.lastError().isEmpty() ? Messages.FlashChain_noErrorLine : '"' + run.lastError() + '"';
	}

	/** A failure message ended as a sentence, then where the board is now. */
	private String withWhere(String message, Board board) {
		return sentence(message) + ' ' + whereIs(board);
	}

	/** The message ended with a full stop, unless it ends with a mark of its own. */
	private static String sentence(String message) {
		String sentence = message.strip();
		boolean ended = sentence.endsWith(".") || sentence.endsWith("!") || sentence.endsWith("?"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return ended ? sentence : sentence + '.';
	}

	/** Where the board is now, as the last sentence of a failure message. */
	private String whereIs(Board board) {
		return service.registry().board(board.id()).filter(Board::attached)
				.map(now -> now.mode().isDfuMode() ? Messages.FlashChain_leftInDfu : Messages.FlashChain_leftInRuntime)
				.orElse(Messages.FlashChain_leftOffBus);
	}

	/** A board in one line: name, ID, serial, port and mode. */
	public static String describe(Board board) {
		String serial = board.device().serial().isEmpty() ? "" : NLS.bind(Messages.FlashChain_serial, board.device().serial()); //$NON-NLS-1$
		return NLS.bind(Messages.FlashChain_describe, new Object[] { board.device().displayName(), board.device().id(),
				serial, board.device().location().portPath(), board.mode().isDfuMode() ? Messages.FlashChain_modeDfu
						: Messages.FlashChain_modeRuntime,
				String.format("%04x", Integer.valueOf(board.device().bcdDevice())) }); //$NON-NLS-1$
	}

	private void info(String line) {
		console.out(line + System.lineSeparator());
	}

	private void progressNote(IProgressMonitor monitor, String task) {
		monitor.subTask(task);
		info(task);
	}

	private static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}


	/** A step on the firmware file: what it found wrong is the chain's failure. */
	private static <T> T firmware(FirmwareStep<T> step) throws FlashException {
		try {
			return step.run();
		} catch (FirmwareException e) {
			throw new FlashException(e.getMessage(), e);
		}
	}

	@FunctionalInterface
	private interface FirmwareStep<T> {
		T run() throws FirmwareException;
	}
}
