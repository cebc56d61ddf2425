package org.dfutools.cli;

import picocli.CommandLine.Command;

@Command(name = "reboot", description = "Reboot boards running their application into DFU mode, and follow them there.")
final class RebootCommand extends ModeCommand {

	RebootCommand() {
		super(ModeChange.REBOOT);
	}
}
