package org.dfutools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * dfu-tools: DFU Tools' core on the command line, for terminals, scripts and CI, on plain Java 17+: the same operations
 * the IDE runs (the board followed across its re-enumerations, a flash judged by the board, build outputs checked
 * against the memory map), and {@code serve} for other front ends.
 */
@Command(name = "dfu-tools", mixinStandardHelpOptions = true, versionProvider = Version.class,
		description = "Flash, reboot and save USB DFU boards: the core of DFU Tools for Eclipse on the command line.",
		subcommands = { ListCommand.class, RebootCommand.class, StartCommand.class, FlashCommand.class, SaveCommand.class,
				ArgsCommand.class, UdevRuleCommand.class, ServeCommand.class },
		exitCodeListHeading = "%nExit statuses:%n",
		exitCodeList = { "0:done", "1:failed once the board was touched; it is in run-time mode or off the bus",
				"2:bad usage (a command, option or value that is not one)", "3:bad firmware file",
				"4:no attached board is the named one, or several are",
				"5:refused before the board was touched (a check, a busy board, dfu-util missing)",
				"6:failed with the board left in DFU mode (dfu-tools start brings its application back)",
				"130:stopped by Ctrl-C; the message says where the board was left" })
public final class DfuTools {

	public static void main(String[] args) {
		ArchiveTraining.loadClassesIfArchiving();
		System.exit(commandLine().execute(args));
	}

	/** The command line as main runs it (tests run it in the same way). */
	public static CommandLine commandLine() {
		return new CommandLine(new DfuTools()).setCaseInsensitiveEnumValuesAllowed(true);
	}
}
