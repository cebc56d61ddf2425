package org.dfutools.eclipse.core.launch;

import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.eclipse.debug.core.model.IProcess;

/** A chain's console, which also records each dfu-util command line on the process (its Properties). */
final class ChainConsole implements DfuUtilConsole {
	private final ChainProcess chain;
	private final IProcess process;

	ChainConsole(ChainProcess chain, IProcess process) {
		this.chain = chain;
		this.process = process;
	}

	@Override
	public void out(String text) {
		chain.out(text);
	}

	@Override
	public void err(String line) {
		chain.err(line);
	}

	@Override
	public void commandStarting(DfuUtilCommand command) {
		process.setAttribute(IProcess.ATTR_CMDLINE, command.commandLine());
		DfuUtilConsole.super.commandStarting(command);
	}
}
