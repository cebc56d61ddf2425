package org.dfutools.cli;

import picocli.CommandLine.Command;

@Command(name = "start", description = "Start the application of boards in DFU mode, and follow them back to run-time mode.")
final class StartCommand extends ModeCommand {

	StartCommand() {
		super(ModeChange.START);
	}
}
