package org.dfutools.eclipse.core.dfuutil;

/**
 * Where dfu-util's command lines and output, and the steps around them, are written for the user (the
 * launch's console). Called from the caller's thread and from dfu-util's output reader.
 */
public interface DfuUtilConsole {

	/** No console: an operation whose result is all a person sees (the view's Reboot to DFU, Start Application). */
	DfuUtilConsole NONE = new DfuUtilConsole() {
		@Override
		public void out(String text) {
			// not shown
		}

		@Override
		public void err(String line) {
			// not shown
		}
	};

	/** Text as it comes, line ends included. */
	void out(String text);

	/** An error or warning line (without line end). */
	void err(String line);

	/** A dfu-util run is about to start with this command. */
	default void commandStarting(DfuUtilCommand command) {
		out("$ " + command.commandLine() + System.lineSeparator()); //$NON-NLS-1$
	}
}
