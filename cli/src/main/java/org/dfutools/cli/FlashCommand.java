package org.dfutools.cli;

import java.nio.file.Path;
import java.util.List;

import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.flash.FlashOperation;
import org.dfutools.eclipse.core.flash.FlashSettings;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.OperationException;


import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "flash", description = "Flash a firmware file (.bin, .dfu, ELF, Intel HEX, S-record) to boards, judged by the board.")
final class FlashCommand extends BoardCommand {

	@Parameters(paramLabel = "FILE", description = "The firmware file.")
	Path firmware;

	@Option(names = { "-b", "--board" }, required = true, paramLabel = "BOARD",
			description = "The board: serial, port (1-2), VID:PID, several separated by commas, or every:VID:PID.")
	String board;

	@Option(names = { "-a", "--alt" }, defaultValue = "0", paramLabel = "ALT", description = "The alt setting, by number or name (default 0).")
	String alt;

	@Option(names = { "-s", "--address" }, defaultValue = "", paramLabel = "ADDRESS", description = "The DfuSe address of a plain image, such as 0x08000000.")
	String address;

	@Option(names = "--transfer-size", defaultValue = "", paramLabel = "BYTES", description = "dfu-util's transfer size (default: the board's).")
	String transferSize;

	@Option(names = "--verify", description = "Read the image back and compare it.")
	boolean verify;

	@Option(names = "--no-wait", description = "Do not wait for the application to come back (a board whose application has no DFU interface).")
	boolean noWait;

	@Option(names = "--dfu-util-args", defaultValue = "", paramLabel = "ARGS", description = "More dfu-util options, with the launch tab's refusals.")
	String extraArguments;

	@Override
	protected ExitStatus run(Session session) throws UsageException {
		BoardSelector selector = BoardNames.named(board);
		FlashSettings checked;
		try {
			checked = FlashSettings.parse(new FlashConfiguration(selector, firmware.toAbsolutePath().toString(), alt, address,
					transferSize, extraArguments, !noWait, Long.toString(settings.applicationTimeout().toSeconds()), verify),
					text -> text);
		} catch (OperationException e) {
			if (e.stoppedAt() != OperationException.StoppedAt.INPUT) {
				throw new UsageException(e.getMessage());
			}
			return stopped("flash", e); //$NON-NLS-1$
		}
		return selector.many() ? several(session, checked) : one(session, checked);
	}

	private ExitStatus one(Session session, FlashSettings checked) {
		return runEach("flash", List.of(new FlashOperation(session.service(), session.versions(), session.preferences(), //$NON-NLS-1$
				console(), checked)::execute));
	}

	/** Every named board at once, each with its lines prefixed by its port, as the launch gives each its console. */
	private ExitStatus several(Session session, FlashSettings checked) {
		Results results;
		try {
			results = FlashOfSeveral.run(session, checked, console(), this::consoleOf, monitor);
		} catch (OperationException e) {
			return stopped("flash", e); //$NON-NLS-1$
		}
		results.boards().forEach(result -> shown(result.getAsJsonObject()));
		return printed("flash", results); //$NON-NLS-1$
	}
}
