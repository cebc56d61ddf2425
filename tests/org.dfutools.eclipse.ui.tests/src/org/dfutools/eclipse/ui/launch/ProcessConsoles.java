package org.dfutools.eclipse.ui.launch;

import java.util.Arrays;
import java.util.Optional;

import org.eclipse.debug.core.model.IProcess;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.TextConsole;

/** The consoles the debug UI shows launched processes in. */
final class ProcessConsoles {

	private ProcessConsoles() {
	}

	/** The console of this process, once the debug UI has made it. */
	static Optional<TextConsole> of(IProcess process) {
		return Arrays.stream(ConsolePlugin.getDefault().getConsoleManager().getConsoles())
				.filter(console -> console instanceof org.eclipse.debug.ui.console.IConsole processConsole
						&& processConsole.getProcess() == process && console instanceof TextConsole)
				.map(TextConsole.class::cast).findFirst();
	}
}
