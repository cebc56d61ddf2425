package org.dfutools.eclipse.core.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilOptions;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.firmware.AddressedImage;
import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.operation.AltChoice;
import org.dfutools.eclipse.core.operation.DfuUtilStep;
import org.dfutools.eclipse.core.operation.InDfuMode;
import org.dfutools.eclipse.core.operation.OperationConsole;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.WhereTheBoardIs;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

/** "Verify by upload": the written firmware read back from the board in DFU mode with dfu-util and compared. */
final class FlashVerification {

	private final DfuDeviceService service;
	private final DfuUtilStep dfuUtil;
	private final OperationConsole console;
	private final WhereTheBoardIs whereabouts;
	private final InDfuMode at;
	private final Board board;
	private final FlashSettings settings;

	/** @param board the board in DFU mode now (it may have left and come back since {@code at}) */
	FlashVerification(DfuDeviceService service, DfuUtilStep dfuUtil, OperationConsole console, WhereTheBoardIs whereabouts,
			InDfuMode at, Board board, FlashSettings settings) {
		this.service = service;
		this.dfuUtil = dfuUtil;
		this.console = console;
		this.whereabouts = whereabouts;
		this.at = at;
		this.board = board;
		this.settings = settings;
	}

	/** Reads the image back and compares it; the last dfu-util run, which may have failed as the board left. */
	DfuUtilRun readBack(FirmwareImage image, DfuUtilOptions options, IProgressMonitor monitor) throws OperationException {
		if (image.dfuSeContainer()) {
			int alt = AltChoice.number(settings.alt(), AltChoice.altOf(settings.alt(), board));
			AddressedImage elements = FlashChecks.elementsOf(image, alt).orElseThrow(); // the checks in DFU mode found them
			return segments(elements, monitor);
		}
		try {
			Path readBack = at.work().uploadTarget();
			DfuUtilRun run = dfuUtil.run(DfuUtilCommand.verify(dfuUtil.executable(), board, service.registry().boards(), options,
					readBack, image.size()), board, at.held(), Messages.FlashOperation_statusVerifying, monitor);
			byte[] read = Files.readAllBytes(readBack);
			int mismatch = Arrays.mismatch(image.content(), 0, image.size(), read, 0, Math.min(read.length, image.size()));
			if (read.length < image.size() || mismatch >= 0) {
				int offset = mismatch >= 0 ? mismatch : read.length;
				throw whereabouts.failure(NLS.bind(Messages.FlashVerification_failed, Integer.valueOf(offset),
						Integer.valueOf(image.size())), board, null);
			}
			console.info(NLS.bind(Messages.FlashVerification_verified, Integer.valueOf(image.size())));
			return run;
		} catch (IOException e) {
			throw whereabouts.failure(NLS.bind(Messages.FlashVerification_io, e.getMessage()), board, e);
		}
	}

	/** Reads back each segment of a build output from a DfuSe board, one range at a time; the last one leaves. */
	private DfuUtilRun segments(AddressedImage segments, IProgressMonitor monitor) throws OperationException {
		SubMonitor progress = SubMonitor.convert(monitor, segments.segments().size());
		DfuUtilRun last = null;
		try {
			for (int index = 0; index < segments.segments().size(); index++) {
				Segment segment = segments.segments().get(index);
				Path readBack = at.work().uploadTarget();
				boolean leave = index == segments.segments().size() - 1;
				last = dfuUtil.run(DfuUtilCommand.readRange(dfuUtil.executable(), board, service.registry().boards(),
						settings.dfuUtilOptions().withAlt(AltChoice.forDfuUtil(settings.alt(), board)), readBack,
						Segment.hex(segment.address()), segment.data().length, leave),
						board, at.held(), Messages.FlashOperation_statusVerifying, progress.split(1));
				int mismatch = Arrays.mismatch(segment.data(), Files.readAllBytes(readBack));
				if (mismatch >= 0) {
					throw whereabouts.failure(NLS.bind(Messages.FlashVerification_segmentFailed,
							Segment.hex(segment.address() + mismatch), segment.range()), board, null);
				}
			}
			int count = segments.segments().size();
			console.info(count == 1 ? NLS.bind(Messages.FlashVerification_verifiedSegment, Long.valueOf(segments.bytes()))
					: NLS.bind(Messages.FlashVerification_verifiedSegments, Long.valueOf(segments.bytes()), Integer.valueOf(count)));
			return last;
		} catch (IOException e) {
			throw whereabouts.failure(NLS.bind(Messages.FlashVerification_io, e.getMessage()), board, e);
		}
	}
}
