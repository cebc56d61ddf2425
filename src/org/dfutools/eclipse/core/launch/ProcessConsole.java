package org.dfutools.eclipse.core.launch;

import java.util.Map;

import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;

/** An operation's console in its launch, which also records each dfu-util command line on the process (its Properties). */
final class ProcessConsole implements DfuUtilConsole {
	private final OperationProcess process;
	private final IProcess debugProcess;

	private ProcessConsole(OperationProcess process, IProcess debugProcess) {
		this.process = process;
		this.debugProcess = debugProcess;
	}

	/** A new operation process in the launch, under this label and process type, and its console. */
	static ProcessConsole start(ILaunch launch, String label, String processType) {
		OperationProcess process = new OperationProcess();
		IProcess debugProcess = DebugPlugin.newProcess(launch, process, label, Map.of(IProcess.ATTR_PROCESS_TYPE, processType));
		return new ProcessConsole(process, debugProcess);
	}

	/** The process the console writes to: Terminate, and its end. */
	OperationProcess process() {
		return process;
	}

	@Override
	public void out(String text) {
		process.out(text);
	}

	@Override
	public void err(String line) {
		process.err(line);
	}

	@Override
	public void commandStarting(DfuUtilCommand command) {
		debugProcess.setAttribute(IProcess.ATTR_CMDLINE, command.commandLine());
		DfuUtilConsole.super.commandStarting(command);
	}
}
