package org.dfutools.eclipse.core.launch;

import java.util.Map;

import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;

/** A chain's console, which also records each dfu-util command line on the process (its Properties). */
final class ChainConsole implements DfuUtilConsole {
	private final ChainProcess chain;
	private final IProcess process;

	private ChainConsole(ChainProcess chain, IProcess process) {
		this.chain = chain;
		this.process = process;
	}

	/** A new chain process in the launch, under this label and process type, and its console. */
	static ChainConsole start(ILaunch launch, String label, String processType) {
		ChainProcess chain = new ChainProcess();
		IProcess process = DebugPlugin.newProcess(launch, chain, label, Map.of(IProcess.ATTR_PROCESS_TYPE, processType));
		return new ChainConsole(chain, process);
	}

	/** The process the console writes to: Terminate, and its end. */
	ChainProcess chain() {
		return chain;
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
