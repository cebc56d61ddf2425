package org.dfutools.eclipse.core.flash;

import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;

/**
 * One board's part of a flash of several, as the launch shows it: its own console, its own Terminate, and its end.
 * Called from that board's thread.
 */
public interface BoardProcess {

	DfuUtilConsole console();

	/** Whether this board's own Terminate was pressed (the launch's Terminate stops every board). */
	boolean cancelRequested();

	/** The board's flash has ended, however it ended. */
	void ended(BoardOutcome outcome);

	/**
	 * A board's part that is its console only: stopped with the others (no Terminate of its own), its outcome read
	 * from the flash's results (a command line).
	 */
	static BoardProcess writingTo(DfuUtilConsole console) {
		return new BoardProcess() {
			@Override
			public DfuUtilConsole console() {
				return console;
			}

			@Override
			public boolean cancelRequested() {
				return false;
			}

			@Override
			public void ended(BoardOutcome outcome) {
				// read from the results
			}
		};
	}
}
