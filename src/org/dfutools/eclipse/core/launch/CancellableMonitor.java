package org.dfutools.eclipse.core.launch;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ProgressMonitorWrapper;

/** A launch's monitor, cancelled also by the process's Terminate button. */
final class CancellableMonitor extends ProgressMonitorWrapper {
	private final OperationProcess process;

	CancellableMonitor(IProgressMonitor monitor, OperationProcess process) {
		super(monitor);
		this.process = process;
	}

	@Override
	public boolean isCanceled() {
		return process.cancelRequested() || super.isCanceled();
	}
}
