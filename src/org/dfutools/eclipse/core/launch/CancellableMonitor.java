package org.dfutools.eclipse.core.launch;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ProgressMonitorWrapper;

/** A launch's monitor, cancelled also by the process's Terminate button. */
final class CancellableMonitor extends ProgressMonitorWrapper {
	private final ChainProcess chain;

	CancellableMonitor(IProgressMonitor monitor, ChainProcess chain) {
		super(monitor);
		this.chain = chain;
	}

	@Override
	public boolean isCanceled() {
		return chain.cancelRequested() || super.isCanceled();
	}
}
