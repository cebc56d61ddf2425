package org.dfutools.eclipse.core.operation;

import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.eclipse.core.runtime.IProgressMonitor;

/** Where an operation says what it does, line by line: the launch's console, or a terminal. */
public final class OperationConsole {

	private final DfuUtilConsole console;

	public OperationConsole(DfuUtilConsole console) {
		this.console = console;
	}

	/** The console itself, which dfu-util's output goes to as well. */
	public DfuUtilConsole output() {
		return console;
	}

	/** A line for the console. */
	public void info(String line) {
		console.out(line + System.lineSeparator());
	}

	/** A step's name for the progress view and the console. */
	public void step(IProgressMonitor monitor, String task) {
		monitor.subTask(task);
		info(task);
	}
}
