package org.dfutools.cli;

import java.nio.file.Path;
import java.util.List;

import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.save.SaveOperation;
import org.dfutools.eclipse.core.save.SaveSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "save", description = "Save a board's firmware to a file (.dfu, or .bin) that flashes back to it.")
final class SaveCommand extends BoardCommand {

	@Parameters(paramLabel = "FILE", description = "The file to write: .dfu (with the addresses) or .bin.")
	Path target;

	@Option(names = { "-b", "--board" }, required = true, paramLabel = "BOARD", description = "The board: serial, port (1-2) or VID:PID.")
	String board;

	@Option(names = { "-a", "--alt" }, defaultValue = "0", paramLabel = "ALT", description = "The alt setting to read, by number or name (default 0).")
	String alt;

	@Option(names = { "-s", "--address" }, defaultValue = "", paramLabel = "ADDRESS", description = "Where to start reading (DfuSe), such as 0x08000000; with --length.")
	String address;

	@Option(names = { "-l", "--length" }, defaultValue = "", paramLabel = "BYTES", description = "How many bytes to read (at most, on a plain DFU board).")
	String length;

	@Override
	protected ExitStatus run(Session session) throws UsageException {
		SaveSettings checked;
		try {
			checked = SaveSettings.parse(BoardNames.named(board), alt, address, length, target.toAbsolutePath().toString());
		} catch (OperationException e) {
			throw new UsageException(e.getMessage());
		}
		return runEach("save", List.of(new SaveOperation(session.service(), session.versions(), session.preferences(), //$NON-NLS-1$
				console(), checked)::execute));
	}
}
