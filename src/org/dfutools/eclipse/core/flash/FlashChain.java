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
import org.dfutools.eclipse.core.dfuutil.DfuUtilOptions;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.dfuutil.DfuUtilSlots;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.dfu.BoardWatch;
import org.dfutools.eclipse.core.dfu.BoardWatch.CancelledException;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
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

	private final DfuDeviceService service;
	private final FlashTools tools;
	private final BoardSteps steps;
	/** The board the chain works on, once it is known: where it was left is part of every failure. */
	private volatile Board target;

	public FlashChain(DfuDeviceService service, DfuUtilVersions versions, FlashTools tools, DfuUtilConsole console) {
		this(service, versions, tools, console, new DfuUtilSlots(Integer.MAX_VALUE));
	}

	/** A chain of one board among several flashed at once, its dfu-util runs taking turns from {@code slots}. */
	public FlashChain(DfuDeviceService service, DfuUtilVersions versions, FlashTools tools, DfuUtilConsole console,
			DfuUtilSlots slots) {
		this.service = service;
		this.tools = tools;
		this.steps = new BoardSteps(service, versions, tools, console,
				new BoardSteps.Statuses(Messages.FlashChain_statusDetaching, Messages.FlashChain_statusReturning), slots);
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
					: steps.withWhere(Messages.FlashChain_cancelled, target));
		}
	}

	private FlashReport runSteps(FlashSettings settings, IProgressMonitor monitor) throws FlashException {
		SubMonitor progress = SubMonitor.convert(monitor, Messages.FlashChain_task, 100);
		long start = System.nanoTime();
		List<FlashReport.Step> done = new ArrayList<>();

		// 1. Everything that can be checked without touching the board.
		progress.subTask(Messages.FlashChain_checking);
		Path dfuUtil = steps.dfuUtil(progress);
		FirmwareImage image = firmware(() -> FirmwareFiles.read(settings.firmware()));
		DeviceRegistry registry = steps.awaitListing(progress);
		Board before = settings.board().select(registry.boards());
		target = before;
		steps.info(NLS.bind(Messages.FlashChain_board, BoardSteps.describe(before)));
		steps.info(NLS.bind(Messages.FlashChain_firmware, image.file(),
				Long.valueOf(image.segments().map(AddressedImage::bytes).orElse(Long.valueOf(image.size())).longValue())));
		// What would fail once the board is in DFU mode fails now, as far as the board is known.
		try {
			FlashChecks.check(settings, image, before);
		} catch (FlashException e) {
			throw new FlashException(BoardSteps.sentence(e.getMessage()) + ' ' + Messages.FlashChain_untouched, e);
		}
		return service.busyBoards().whileHolding(before.id(), Messages.FlashChain_activity,
				Messages.FlashChain_statusStarting, held -> {
			// From here on every reset is expected: the board keeps its row while it re-enumerates.
			try (WorkFolder work = WorkFolder.create();
					DeviceRegistry.Reenumeration expected = registry.expectReenumeration(before.id())) {
				done.add(new FlashReport.Step(Messages.FlashChain_stepCheck, BoardSteps.since(start)));
				progress.worked(2);

				// 2. Into DFU mode.
				Board board = before;
				if (!before.mode().isDfuMode()) {
					long detachStart = System.nanoTime();
					board = steps.rebootToDfu(held, before, progress.split(23));
					done.add(new FlashReport.Step(Messages.FlashChain_stepDetach, BoardSteps.since(detachStart)));
				}
				progress.setWorkRemaining(75);
				checkInDfuMode(settings, image, board, board != before, held, progress);
				// What dfu-util reads is what was checked, whatever happens to the file from now on.
				FirmwareImage written = FlashChecks.prepare(settings, image, board);
				image.segments().ifPresent(segments -> steps.info(describeSegments(written, segments)));
				Path checked = firmware(() -> written.copyInto(work.path()));
				steps.info(NLS.bind(Messages.FlashChain_writingCopy, checked));

				// 3. dfu-util, then 4. the application's return, watched from before the last run.
				try (BoardWatch watch = new BoardWatch(service, board.id())) {
					held.show(Messages.FlashChain_statusDownloading);
					long downloadStart = System.nanoTime();
					DfuUtilCommand download = DfuUtilCommand.download(dfuUtil, board, registry.boards(), optionsFor(settings, board, written),
							checked, !settings.verify());
					DfuUtilRun downloaded = steps.runDfuUtil(download, board, held, Messages.FlashChain_statusDownloading,
							progress.split(settings.verify() ? 40 : 65));
					done.add(new FlashReport.Step(Messages.FlashChain_stepDownload, BoardSteps.since(downloadStart)));
					// When dfu-util failed as the board left DFU mode, the board's return decides.
					Optional<DfuUtilRun> judgedByTheBoard = downloaded.failedAsTheBoardLeft() ? Optional.of(downloaded) : Optional.empty();
					Board lastInDfu = board;
					if (settings.verify()) {
						if (judgedByTheBoard.isPresent()) {
							// It left DFU mode as the download ended (not manifestation-tolerant): back in to read it.
							Board back = awaitApplication(watch, board, settings.applicationTimeout(), judgedByTheBoard, progress.split(3));
							steps.info(NLS.bind(Messages.FlashChain_backIntoDfuToVerify, Integer.valueOf(downloaded.exitStatus())));
							lastInDfu = steps.rebootToDfu(held, back, progress.split(2));
						}
						held.show(Messages.FlashChain_statusVerifying);
						long verifyStart = System.nanoTime();
						DfuUtilRun read = verify(dfuUtil, lastInDfu, settings, written, work, held, progress.split(20));
						judgedByTheBoard = read.failedAsTheBoardLeft() ? Optional.of(read) : Optional.empty();
						done.add(new FlashReport.Step(Messages.FlashChain_stepVerify, BoardSteps.since(verifyStart)));
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
						done.add(new FlashReport.Step(applicationKnown ? Messages.FlashChain_stepReturn : Messages.FlashChain_stepLeave,
								BoardSteps.since(returnStart)));
					}
					// dfu-util's progress counts one DfuSe element at a time: a build output's bytes are its segments'.
					long bytes = written.segments().map(AddressedImage::bytes)
							.orElse(Long.valueOf(downloaded.bytes() > 0 ? downloaded.bytes() : written.size())).longValue();
					return new FlashReport(before, after, bytes, settings.verify(), done, BoardSteps.since(start));
				}
			}
		}, holder -> new FlashException(NLS.bind(Messages.FlashChain_busy, before.label(), holder)));
	}

	private DfuUtilRun verify(Path dfuUtil, Board board, FlashSettings settings, FirmwareImage image, WorkFolder work,
			BusyBoards.Claim held, IProgressMonitor monitor) throws FlashException {
		if (image.dfuSeContainer()) {
			int alt = FlashChecks.altNumber(settings.alt(), FlashChecks.altOf(settings.alt(), board));
			AddressedImage elements = FlashChecks.elementsOf(image, alt).orElseThrow(); // the checks in DFU mode found them
			return verifySegments(dfuUtil, board, settings, elements, work, held, monitor);
		}
		try {
			Path readBack = work.uploadTarget();
			DfuUtilRun run = steps.runDfuUtil(DfuUtilCommand.verify(dfuUtil, board, service.registry().boards(),
					optionsFor(settings, board, image), readBack, image.size()),
					board, held, Messages.FlashChain_statusVerifying, monitor);
			byte[] read = Files.readAllBytes(readBack);
			int mismatch = Arrays.mismatch(image.content(), 0, image.size(), read, 0, Math.min(read.length, image.size()));
			if (read.length < image.size() || mismatch >= 0) {
				int offset = mismatch >= 0 ? mismatch : read.length;
				throw new FlashException(steps.withWhere(NLS.bind(Messages.FlashChain_verifyFailed, Integer.valueOf(offset),
						Integer.valueOf(image.size())), board));
			}
			steps.info(NLS.bind(Messages.FlashChain_verified, Integer.valueOf(image.size())));
			return run;
		} catch (IOException e) {
			throw new FlashException(steps.withWhere(NLS.bind(Messages.FlashChain_verifyIo, e.getMessage()), board), e);
		}
	}

	/** Reads back each segment of a build output from a DfuSe board, one range at a time; the last one leaves. */
	private DfuUtilRun verifySegments(Path dfuUtil, Board board, FlashSettings settings, AddressedImage segments, WorkFolder work,
			BusyBoards.Claim held, IProgressMonitor monitor) throws FlashException {
		SubMonitor progress = SubMonitor.convert(monitor, segments.segments().size());
		DfuUtilRun last = null;
		try {
			for (int index = 0; index < segments.segments().size(); index++) {
				Segment segment = segments.segments().get(index);
				Path readBack = work.uploadTarget();
				boolean leave = index == segments.segments().size() - 1;
				last = steps.runDfuUtil(DfuUtilCommand.readRange(dfuUtil, board, service.registry().boards(),
						settings.dfuUtilOptions().withAlt(FlashChecks.altForDfuUtil(settings.alt(), board)), readBack,
						Segment.hex(segment.address()), segment.data().length, leave),
						board, held, Messages.FlashChain_statusVerifying, progress.split(1));
				byte[] read = Files.readAllBytes(readBack);
				int mismatch = Arrays.mismatch(segment.data(), read);
				if (mismatch >= 0) {
					throw new FlashException(steps.withWhere(NLS.bind(Messages.FlashChain_verifySegmentFailed,
							Segment.hex(segment.address() + mismatch), segment.range()), board));
				}
			}
			int count = segments.segments().size();
			steps.info(count == 1 ? NLS.bind(Messages.FlashChain_verifiedSegment, Long.valueOf(segments.bytes()))
					: NLS.bind(Messages.FlashChain_verifiedSegments, Long.valueOf(segments.bytes()), Integer.valueOf(count)));
			return last;
		} catch (IOException e) {
			throw new FlashException(steps.withWhere(NLS.bind(Messages.FlashChain_verifyIo, e.getMessage()), board), e);
		}
	}

	/**
	 * Waits for the board to come back in run-time mode from {@code board}, in DFU mode: a new enumeration, so that
	 * no event from before that board's last visit to DFU mode counts. {@code judged} is the dfu-util run that failed as the board
	 * left DFU mode: the board's return makes it a success, and its absence a failure that quotes dfu-util.
	 */
	private Board awaitApplication(BoardWatch watch, Board board, Duration limit, Optional<DfuUtilRun> judged,
			IProgressMonitor monitor) throws FlashException {
		steps.progressNote(monitor, Messages.FlashChain_waitingForApplication);
		long start = System.nanoTime();
		try {
			String inDfu = board.device().location().deviceKey();
			BoardEvent back = watch.await(BoardEvent.backAsNewDevice(inDfu).and(event -> !event.board().mode().isDfuMode()),
					start + limit.toNanos(), monitor);
			Long seconds = Long.valueOf(limit.toSeconds());
			if (back == null && judged.isPresent()) {
				DfuUtilRun run = judged.get();
				throw new FlashException(steps.withWhere(NLS.bind(Messages.FlashChain_leftButNotBack,
						new Object[] { Integer.valueOf(run.exitStatus()), lastErrorOf(run), seconds }), board));
			}
			if (back == null) {
				throw new FlashException(steps.withWhere(NLS.bind(Messages.FlashChain_applicationNotBack, seconds), board));
			}
			steps.info(NLS.bind(Messages.FlashChain_applicationBack, Long.valueOf(BoardSteps.since(start).toMillis()), BoardSteps.describe(back.board())));
			judged.ifPresent(run -> steps.info(NLS.bind(Messages.FlashChain_judgedByTheBoard, Integer.valueOf(run.exitStatus()))));
			return back.board();
		} catch (CancelledException e) {
			throw FlashException.cancelled(steps.withWhere(Messages.FlashChain_cancelledWaiting, board));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw FlashException.cancelled(steps.withWhere(Messages.FlashChain_cancelledWaiting, board));
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
			BoardEvent left = watch.await(BoardEvent.gone().or(event -> !event.board().device().location().deviceKey().equals(inDfu)),
					deadline, monitor);
			if (left == null) {
				throw new FlashException(steps.withWhere(NLS.bind(Messages.FlashChain_leftNot, new Object[] { Integer.valueOf(judged.exitStatus()),
						lastErrorOf(judged), Long.valueOf(tools.reenumerationAllowance().toMillis()) }), board));
			}
			steps.info(NLS.bind(Messages.FlashChain_judgedByDeparture, Integer.valueOf(judged.exitStatus())));
		} catch (CancelledException e) {
			throw FlashException.cancelled(steps.withWhere(Messages.FlashChain_cancelledWaiting, board));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw FlashException.cancelled(steps.withWhere(Messages.FlashChain_cancelledWaiting, board));
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
			FlashException unwritten = rebooted ? e
					: new FlashException(BoardSteps.sentence(e.getMessage()) + ' ' + Messages.FlashChain_nothingWritten, e);
			throw steps.unwritten(unwritten, rebooted, Messages.FlashChain_returningUnwritten, Messages.FlashChain_returnedUnwritten,
					held, board, settings.applicationTimeout(), SubMonitor.convert(monitor, 1));
		}
	}

	/**
	 * dfu-util's options for this board in DFU mode: the alt setting by its number once it is known, and no address
	 * beside a DfuSe file (its elements carry theirs; an address typed as well is the file's lowest, checked).
	 */
	private static DfuUtilOptions optionsFor(FlashSettings settings, Board board, FirmwareImage written) {
		DfuUtilOptions options = settings.dfuUtilOptions().withAlt(FlashChecks.altForDfuUtil(settings.alt(), board));
		return written.dfuSeContainer() ? options.withoutAddress() : options;
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
