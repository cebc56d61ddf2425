package org.dfutools.eclipse.core.save;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout.Region;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.DfuErrorProbe;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilExitStatus;
import org.dfutools.eclipse.core.dfuutil.DfuUtilOptions;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.operation.AltChoice;
import org.dfutools.eclipse.core.operation.DfuUtilStep;
import org.dfutools.eclipse.core.operation.InDfuMode;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.protocol.DfuStatusCode;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

/** The reads of one board in DFU mode with dfu-util's upload, and what their failures become. */
final class BoardReading {

	/** What a failure becomes: nothing was saved, and a board the save rebooted is sent back. */
	@FunctionalInterface
	interface WayBack {
		OperationException of(OperationException failure, IProgressMonitor monitor);
	}

	private final DfuDeviceService service;
	private final DfuUtilStep dfuUtil;
	private final InDfuMode at;
	private final Board board;
	private final SaveSettings settings;
	private final WayBack wayBack;

	BoardReading(DfuDeviceService service, DfuUtilStep dfuUtil, InDfuMode at, SaveSettings settings, WayBack wayBack) {
		this.service = service;
		this.dfuUtil = dfuUtil;
		this.at = at;
		this.board = at.board();
		this.settings = settings;
		this.wayBack = wayBack;
	}

	/** Each region with dfu-util's {@code -s ADDRESS:LENGTH -U}; the board must send every byte asked for. */
	List<Segment> dfuSeRegions(List<Region> regions, IProgressMonitor monitor) throws OperationException {
		SubMonitor progress = SubMonitor.convert(monitor, regions.size());
		List<Segment> read = new ArrayList<>();
		for (Region region : regions) {
			Path into = target(progress.split(0));
			byte[] data = upload(into, DfuUtilCommand.readRange(dfuUtil.executable(), board, service.registry().boards(),
					options(), into, Segment.hex(region.address()), region.size(), false), progress.split(1));
			if (data.length != region.size()) {
				throw wayBack.of(new OperationException(NLS.bind(Messages.BoardReading_short, new Object[] {
						board.device().displayName(), Long.valueOf(data.length), Long.valueOf(region.size()),
						Segment.hex(region.address()) })), progress.split(0));
			}
			read.add(new Segment(region.address(), data));
		}
		return read;
	}

	/**
	 * Everything a plain DFU board sends until its short block, cut to the length when one is given: dfu-util's
	 * {@code -Z} only sizes its progress bar, it reads on until the short block all the same.
	 */
	byte[] plainDfu(IProgressMonitor monitor) throws OperationException {
		SubMonitor progress = SubMonitor.convert(monitor, 2);
		Path into = target(progress.split(0));
		byte[] memory = upload(into, DfuUtilCommand.upload(dfuUtil.executable(), board, service.registry().boards(), options(), into,
				settings.length()), progress.split(1));
		if (memory.length == 0) {
			throw wayBack.of(new OperationException(NLS.bind(Messages.BoardReading_nothingSent, board.device().displayName())),
					progress.split(1));
		}
		long limit = settings.length().orElse(memory.length);
		return memory.length > limit ? Arrays.copyOf(memory, (int) limit) : memory;
	}

	/** dfu-util's options: the alt setting by its number, as the board in DFU mode has it. */
	private DfuUtilOptions options() {
		return settings.dfuUtilOptions().withAlt(AltChoice.forDfuUtil(settings.alt(), board));
	}

	private Path target(IProgressMonitor monitor) throws OperationException {
		try {
			return at.work().uploadTarget();
		} catch (IOException e) {
			throw wayBack.of(new OperationException(NLS.bind(Messages.BoardReading_noWorkFolder, e.getMessage()), e), monitor);
		}
	}

	/** Runs one upload into {@code into} and returns what it read. */
	private byte[] upload(Path into, DfuUtilCommand command, IProgressMonitor monitor) throws OperationException {
		DfuUtilRun run = dfuUtil.runAsIs(command, board, at.held(), Messages.SaveOperation_statusReading, monitor);
		if (run.exitStatus() != 0) {
			throw wayBack.of(new OperationException(refusal(run)), monitor);
		}
		try {
			return Files.readAllBytes(into);
		} catch (IOException e) {
			throw wayBack.of(new OperationException(NLS.bind(Messages.BoardReading_readIo, e.getMessage()), e), monitor);
		}
	}

	/** Why dfu-util could not read: the board's own DFU status when it reports one (read-out protection), else dfu-util's. */
	private String refusal(DfuUtilRun run) {
		String name = board.device().displayName();
		Optional<DfuStatusCode> error = DfuErrorProbe.errorOf(service, board);
		if (error.equals(Optional.of(DfuStatusCode.ERR_VENDOR))) {
			return NLS.bind(Messages.BoardReading_readProtected, name, error.get());
		}
		if (error.isPresent()) {
			return NLS.bind(Messages.BoardReading_refused, new Object[] { name, error.get(), DfuUtilExitStatus.describe(run) });
		}
		return DfuUtilExitStatus.describe(run);
	}
}
