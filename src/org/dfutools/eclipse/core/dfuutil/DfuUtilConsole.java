package org.dfutools.eclipse.core.dfuutil;

/**
 * Where dfu-util's command lines and output, and the steps around them, are written for the user (the
 * launch's console). Called from the caller's thread and from dfu-util's output reader.
 */
public interface DfuUtilConsole {

	/** Text as it comes, line ends included. */
	void out(String text);

	/** An error or warning line (without line end). */
	void err(String line);

	/** A dfu-util run is about to start with this command. */
	default void commandStarting(DfuUtilCommand command) {
		out("$ " + command.commandLine() + System.lineSeparator()); //$NON-NLS-1$
	}
}
