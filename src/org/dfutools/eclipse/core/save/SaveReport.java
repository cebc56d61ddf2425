package org.dfutools.eclipse.core.save;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.operation.BoardPlace;
import org.dfutools.eclipse.core.operation.OperationReport;
import org.eclipse.osgi.util.NLS;

/**
 * What Save Firmware from Board did: the memory read, the file and its size, and the board before and after.
 *
 * @param after           the board back in run-time mode; empty when it was found in DFU mode and left there
 * @param place           where the board was when the save ended
 * @param read            the memory read, as a person reads it (ranges, or a byte count from a plain DFU board)
 * @param flashBackAt     the DfuSe address that flashing the file back needs (a .bin from a DfuSe board), if any
 */
public record SaveReport(Board before, Optional<Board> after, BoardPlace place, Path file, String read, long fileBytes,
		OptionalLong flashBackAt, Duration total) implements OperationReport {

	@Override
	public List<String> summaryLines() {
		List<String> lines = new ArrayList<>();
		lines.add(Messages.SaveReport_title);
		lines.add(NLS.bind(Messages.SaveReport_read, read));
		lines.add(NLS.bind(Messages.SaveReport_file, file, Long.valueOf(fileBytes)));
		lines.add(flashBackAt.isPresent() ? NLS.bind(Messages.SaveReport_flashBackWithAddress, Segment.hex(flashBackAt.getAsLong()))
				: Messages.SaveReport_flashBack);
		lines.add(NLS.bind(Messages.SaveReport_total, Long.valueOf(total.toMillis())));
		lines.add(NLS.bind(Messages.SaveReport_before, before.describe()));
		lines.add(after.map(board -> NLS.bind(Messages.SaveReport_after, board.describe()))
				.orElse(Messages.SaveReport_leftInDfu));
		return lines;
	}

	/** The one-line result for the status line. */
	public String statusLine() {
		return NLS.bind(Messages.SaveReport_status, new Object[] { before.device().displayName(), file.getFileName(),
				Long.valueOf(total.toMillis()) });
	}
}
