package org.dfutools.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * dfu-util's output as whole lines, for a terminal and for the service's notifications alike: its own progress bar
 * redraws one line with carriage returns, of which the last state is kept; blank lines are left out.
 */
final class ConsoleLines {

	private ConsoleLines() {
	}

	static List<String> of(String text) {
		List<String> lines = new ArrayList<>();
		for (String one : text.split("\\R", -1)) { //$NON-NLS-1$
			String last = one.substring(one.lastIndexOf('\r') + 1);
			if (!last.isBlank()) {
				lines.add(last.stripTrailing());
			}
		}
		return lines;
	}
}
