package org.dfutools.eclipse.core.flash;

/**
 * Where the flash chain writes what it does for the user: its own step lines, dfu-util's output as
 * dfu-util prints it, and its errors. Called from the chain's thread and from dfu-util's output reader.
 */
public interface FlashConsole {

	/** Text as it comes, line ends included. */
	void out(String text);

	/** An error or warning line (without line end). */
	void err(String line);

	/** A dfu-util run is about to start with this command. */
	default void commandStarting(DfuUtilCommand command) {
		out("$ " + command.commandLine() + System.lineSeparator()); //$NON-NLS-1$
	}
}
