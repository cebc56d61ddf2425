package org.dfutools.eclipse.core.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout.Region;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.dfu.DfuErrorProbe;
import org.dfutools.eclipse.core.dfu.StartApplicationException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.dfuutil.DfuUtilExitStatus;
import org.dfutools.eclipse.core.dfuutil.DfuUtilOptions;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.dfuutil.DfuUtilSlots;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.dfutools.eclipse.core.firmware.FirmwareException;
import org.dfutools.eclipse.core.firmware.SavedFirmware;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.protocol.DfuStatusCode;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * Save Firmware from Board: reads a board's memory with dfu-util into a file that flashes back to it. The board is
 * rebooted into DFU mode when it runs its application, and started in it again afterwards; a board found in DFU
 * mode is left there. The chosen file is written only when everything was read, whole or not at all. Every wait is
 * bounded and follows the monitor; on any failure the message says where the board was left.
 */
public final class SaveFromBoard {

	private final DfuDeviceService service;
	private final BoardSteps steps;
	/** The board the operation works on, once it is known: where it was left is part of every failure. */
	private volatile Board target;

	public SaveFromBoard(DfuDeviceService service, DfuUtilVersions versions, FlashTools tools, DfuUtilConsole console) {
		this.service = service;
		this.steps = new BoardSteps(service, versions, tools, console,
				new BoardSteps.Statuses(Messages.SaveFromBoard_statusDetaching, Messages.SaveFromBoard_statusReturning),
				new DfuUtilSlots(Integer.MAX_VALUE));
	}

	/**
	 * Reads the board once. Throws with the message for the user when a step fails or is cancelled
	 * ({@link FlashException#isCancelled()}); the message ends with where the board was left.
	 */
	public SaveReport run(SaveSettings settings, IProgressMonitor monitor) throws FlashException {
		try {
			return runSteps(settings, monitor);
		} catch (OperationCanceledException e) {
			throw FlashException.cancelled(target == null ? Messages.SaveFromBoard_cancelled
					: steps.withWhere(Messages.SaveFromBoard_cancelled, target));
		}
	}

	private SaveReport runSteps(SaveSettings settings, IProgressMonitor monitor) throws FlashException {
		SubMonitor progress = SubMonitor.convert(monitor, Messages.SaveFromBoard_task, 100);
		long start = System.nanoTime();
		progress.subTask(Messages.SaveFromBoard_checking);
		Path dfuUtil = steps.dfuUtil(progress);
		DeviceRegistry registry = steps.awaitListing(progress);
		Board before = settings.board().select(registry.boards());
		target = before;
		steps.info(NLS.bind(Messages.FlashChain_board, BoardSteps.describe(before)));
		SaveChecks.check(settings, before);
		return service.busyBoards().whileHolding(before.id(), Messages.SaveFromBoard_activity,
				Messages.SaveFromBoard_statusStarting, held -> {
			try (WorkFolder work = WorkFolder.create();
					DeviceRegistry.Reenumeration expected = registry.expectReenumeration(before.id())) {
				progress.worked(2);
				boolean rebooted = !before.mode().isDfuMode();
				Board board = before;
				if (rebooted) {
					board = steps.rebootToDfu(held, before, progress.split(25));
				}
				progress.setWorkRemaining(73);
				Reading reading = new Reading(dfuUtil, board, settings, work, held, rebooted);
				try {
					SaveChecks.check(settings, board);
				} catch (FlashException e) {
					throw reading.failed(e, progress.split(1));
				}
				held.show(Messages.SaveFromBoard_statusReading);
				byte[] file;
				String read;
				OptionalLong flashBackAt = OptionalLong.empty();
				if (DfuUtilCommand.isDfuSe(board)) {
					List<Segment> regions = reading.dfuSeRegions(SaveChecks.dfuSeRegions(settings, board), progress.split(55));
					Optional<AltSetting> alt = FlashChecks.altOf(settings.alt(), board);
					file = SavedFirmware.ofDfuSe(settings.format(), regions, FlashChecks.altNumber(settings.alt(), alt),
							alt.map(AltSetting::name).filter(text -> text != null).orElse(""), board.device().id()); //$NON-NLS-1$
					read = String.join(", ", regions.stream().map(Segment::range).toList()); //$NON-NLS-1$
					if (settings.format() == SavedFirmware.Format.BIN) {
						flashBackAt = OptionalLong.of(regions.get(0).address());
					}
				} else {
					byte[] memory = reading.plainDfu(progress.split(55));
					file = SavedFirmware.ofPlainDfu(settings.format(), memory, board.device().id());
					read = NLS.bind(Messages.SaveFromBoard_plainRange, Integer.valueOf(memory.length));
				}
				long bytes = file.length;
				// Split before the file is written: a cancel from now on stops only the way back, not the file.
				IProgressMonitor returning = progress.split(15);
				try {
					SavedFirmware.write(settings.target(), file);
				} catch (FirmwareException e) {
					throw reading.failed(new FlashException(e.getMessage(), e), progress.split(1));
				}
				steps.info(NLS.bind(Messages.SaveFromBoard_saved, new Object[] { read, settings.target(), Long.valueOf(bytes) }));
				Optional<Board> after = Optional.empty();
				if (rebooted) {
					try {
						after = Optional.of(steps.startApplication(held, board, settings.applicationTimeout(), returning).board());
					} catch (StartApplicationException e) {
						throw new FlashException(NLS.bind(Messages.SaveFromBoard_savedNotBack, settings.target()) + ' '
								+ BoardSteps.sentence(e.getMessage()) + ' ' + steps.whereIs(board), e);
					}
				}
				return new SaveReport(before, after, settings.target(), read, bytes, flashBackAt, BoardSteps.since(start));
			}
		}, holder -> new FlashException(NLS.bind(Messages.FlashChain_busy, before.label(), holder)));
	}

	/** The reads of one board in DFU mode, and what their failures become. */
	private final class Reading {
		private final Path dfuUtil;
		private final Board board;
		private final SaveSettings settings;
		private final WorkFolder work;
		private final BusyBoards.Claim held;
		private final boolean rebooted;

		Reading(Path dfuUtil, Board board, SaveSettings settings, WorkFolder work, BusyBoards.Claim held, boolean rebooted) {
			this.dfuUtil = dfuUtil;
			this.board = board;
			this.settings = settings;
			this.work = work;
			this.held = held;
			this.rebooted = rebooted;
		}

		/** Each region with dfu-util's {@code -s ADDRESS:LENGTH -U}; the board must send every byte asked for. */
		List<Segment> dfuSeRegions(List<Region> regions, IProgressMonitor monitor) throws FlashException {
			SubMonitor progress = SubMonitor.convert(monitor, regions.size());
			List<Segment> read = new ArrayList<>();
			for (Region region : regions) {
				Path into = target(progress.split(0));
				byte[] data = upload(into, DfuUtilCommand.readRange(dfuUtil, board, service.registry().boards(),
						options(), into, Segment.hex(region.address()), region.size(), false), progress.split(1));
				if (data.length != region.size()) {
					throw failed(new FlashException(NLS.bind(Messages.SaveFromBoard_short, new Object[] { board.device().displayName(),
							Long.valueOf(data.length), Long.valueOf(region.size()), Segment.hex(region.address()) })), progress.split(0));
				}
				read.add(new Segment(region.address(), data));
			}
			return read;
		}

		/**
		 * Everything a plain DFU board sends until its short block, cut to the length when one is given: dfu-util's
		 * {@code -Z} only sizes its progress bar, it reads on until the short block all the same.
		 */
		byte[] plainDfu(IProgressMonitor monitor) throws FlashException {
			SubMonitor progress = SubMonitor.convert(monitor, 2);
			Path into = target(progress.split(0));
			byte[] memory = upload(into, DfuUtilCommand.upload(dfuUtil, board, service.registry().boards(), options(), into,
					settings.length()), progress.split(1));
			if (memory.length == 0) {
				throw failed(new FlashException(NLS.bind(Messages.SaveFromBoard_nothingSent, board.device().displayName())),
						progress.split(1));
			}
			long limit = settings.length().orElse(memory.length);
			return memory.length > limit ? Arrays.copyOf(memory, (int) limit) : memory;
		}

		/** dfu-util's options: the alt setting by its number, as the board in DFU mode has it. */
		private DfuUtilOptions options() {
			return settings.dfuUtilOptions().withAlt(FlashChecks.altForDfuUtil(settings.alt(), board));
		}

		private Path target(IProgressMonitor monitor) throws FlashException {
			try {
				return work.uploadTarget();
			} catch (IOException e) {
				throw failed(new FlashException(NLS.bind(Messages.FlashChain_noWorkFolder, e.getMessage()), e), monitor);
			}
		}

		/** Runs one upload into {@code into} and returns what it read. */
		private byte[] upload(Path into, DfuUtilCommand command, IProgressMonitor monitor) throws FlashException {
			DfuUtilRun run = steps.runDfuUtilAsIs(command, board, held, Messages.SaveFromBoard_statusReading, monitor);
			if (run.exitStatus() != 0) {
				throw failed(new FlashException(refusal(run)), monitor);
			}
			try {
				return Files.readAllBytes(into);
			} catch (IOException e) {
				throw failed(new FlashException(NLS.bind(Messages.SaveFromBoard_readIo, e.getMessage()), e), monitor);
			}
		}

		/** Why dfu-util could not read: the board's own DFU status when it reports one (read-out protection), else dfu-util's. */
		private String refusal(DfuUtilRun run) {
			String name = board.device().displayName();
			Optional<DfuStatusCode> error = DfuErrorProbe.errorOf(service, board);
			if (error.equals(Optional.of(DfuStatusCode.ERR_VENDOR))) {
				return NLS.bind(Messages.SaveFromBoard_readProtected, name, error.get());
			}
			if (error.isPresent()) {
				return NLS.bind(Messages.SaveFromBoard_refused, new Object[] { name, error.get(), DfuUtilExitStatus.describe(run) });
			}
			return DfuUtilExitStatus.describe(run);
		}

		/** A failure: nothing was saved; a board this operation rebooted is sent back to its application. */
		FlashException failed(FlashException failure, IProgressMonitor monitor) {
			return steps.unwritten(failure, rebooted, Messages.SaveFromBoard_returning, Messages.SaveFromBoard_returned, held, board,
					settings.applicationTimeout(), monitor);
		}
	}
}
