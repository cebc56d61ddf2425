package org.dfutools.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * dfu-tools: DFU Tools' core on the command line, for terminals, scripts and CI, on plain Java 17+: the same operations
 * the IDE runs (the board followed across its re-enumerations, a flash judged by the board, build outputs checked
 * against the memory map), and {@code serve} for other front ends.
 */
@Command(name = "dfu-tools", mixinStandardHelpOptions = true, versionProvider = Version.class,
		description = "Flash, reboot and save USB DFU boards: the core of DFU Tools for Eclipse on the command line.",
		exitCodeListHeading = "%nExit statuses:%n",
		exitCodeList = { "0:done", "1:failed once the board was touched; it is in run-time mode or off the bus",
				"2:bad usage (a command, option or value that is not one)", "3:bad firmware file",
				"4:no attached board is the named one, or several are",
				"5:refused before the board was touched (a check, a busy board, dfu-util missing)",
				"6:failed with the board left in DFU mode (dfu-tools start brings its application back)",
				"130:stopped by Ctrl-C; the message says where the board was left" })
public final class DfuTools {

	/** The commands, in the order the help lists them. */
	private static final Map<String, Supplier<Object>> COMMANDS = commands();

	public static void main(String[] args) {
		ArchiveTraining.loadClassesIfArchiving();
		System.exit(commandLine(args.length > 0 ? args[0] : "").execute(args)); //$NON-NLS-1$
	}

	/**
	 * The command line with just the named command when one is named, else with all: picocli reads each command's
	 * annotations when it is added, and a command's start is a script's wait.
	 */
	static CommandLine commandLine(String named) {
		CommandLine line = new CommandLine(new DfuTools());
		COMMANDS.forEach((name, command) -> {
			if (named.equals(name) || !COMMANDS.containsKey(named)) {
				line.addSubcommand(name, command.get());
			}
		});
		return line.setCaseInsensitiveEnumValuesAllowed(true);
	}

	private static Map<String, Supplier<Object>> commands() {
		Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
		commands.put("list", ListCommand::new); //$NON-NLS-1$
		commands.put("reboot", RebootCommand::new); //$NON-NLS-1$
		commands.put("start", StartCommand::new); //$NON-NLS-1$
		commands.put("flash", FlashCommand::new); //$NON-NLS-1$
		commands.put("save", SaveCommand::new); //$NON-NLS-1$
		commands.put("args", ArgsCommand::new); //$NON-NLS-1$
		commands.put("udev-rule", UdevRuleCommand::new); //$NON-NLS-1$
		commands.put("serve", ServeCommand::new); //$NON-NLS-1$
		return commands;
	}
}
