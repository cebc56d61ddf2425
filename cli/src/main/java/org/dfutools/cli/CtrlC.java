package org.dfutools.cli;

import sun.misc.Signal;

/**
 * Ctrl-C stops a command as Terminate stops a launch: the operation is cancelled, ends its steps with the board in a
 * known place and says where; a second Ctrl-C quits at once. Without the JDK's signal API (a JVM that lacks it) the
 * JVM's own handling stays.
 */
public final class CtrlC {

	private CtrlC() {
	}

	/** Cancels {@code monitor} at the first Ctrl-C, telling the terminal so; quits at the second. */
	public static void cancels(CommandMonitor monitor, Terminal terminal) {
		try {
			Signal.handle(new Signal("INT"), signal -> { //$NON-NLS-1$
				if (monitor.isCanceled()) {
					Runtime.getRuntime().halt(ExitStatus.CANCELLED.code());
				}
				monitor.setCanceled(true);
				terminal.line("Stopping: the board is being left in a known place (Ctrl-C again quits at once)."); //$NON-NLS-1$
			});
		} catch (IllegalArgumentException | LinkageError e) {
			// no SIGINT to handle here: the JVM ends the command itself
		}
	}
}
