package org.dfutools.cli;

/** Where a command's progress is shown: the terminal's bar, or the service's notifications. */
public interface ProgressShown {

	/** Progress nobody watches (a listing). */
	ProgressShown NONE = new ProgressShown() {
		@Override
		public void progress(double fraction, String task) {
			// not shown
		}

		@Override
		public void ended() {
			// not shown
		}
	};

	/** {@code fraction} of the work is done, and this is being done. */
	void progress(double fraction, String task);

	/** The work has ended. */
	void ended();
}
