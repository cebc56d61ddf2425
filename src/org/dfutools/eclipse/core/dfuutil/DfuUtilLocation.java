package org.dfutools.eclipse.core.dfuutil;

import java.nio.file.Path;

/** The dfu-util an operation runs, and where it was found: what the console and the preference page say. */
public record DfuUtilLocation(Path executable, Origin origin) {

	/** Where a dfu-util is found, in the order it is looked for. */
	public enum Origin {
		/** The executable chosen in the preferences (or with {@code --dfu-util}). */
		CHOSEN(Messages.DfuUtil_chosen),
		/** The one that comes with DFU Tools. */
		BUNDLED(Messages.DfuUtil_bundled),
		/** The first on the PATH. */
		PATH(Messages.DfuUtil_onPath);

		private final String label;

		Origin(String label) {
			this.label = label;
		}

		/** How it is named after its version: "bundled with DFU Tools". */
		public String label() {
			return label;
		}
	}
}
