package org.dfutools.eclipse.core.launch;

import java.util.List;

import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.internal.ErrorStatus;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.ILaunch;

/**
 * One process (a flash, a save) run in a launch as one process: its console holds every step, dfu-util's output and
 * the summary; Terminate cancels it; a failure is the launch's error, a cancellation is not.
 */
final class OperationLaunch {

	/** The work: runs with the console and the monitor, returns the summary's lines. */
	@FunctionalInterface
	interface Work {
		List<String> run(DfuUtilConsole console, IProgressMonitor monitor) throws OperationException;
	}

	private OperationLaunch() {
	}

	static void run(ILaunch launch, String label, String processType, Work work, IProgressMonitor monitor)
			throws CoreException {
		ProcessConsole console = ProcessConsole.start(launch, label, processType);
		OperationProcess process = console.process();
		int status = 1;
		try {
			work.run(console, new CancellableMonitor(SubMonitor.convert(monitor, 1), process))
					.forEach(line -> console.out(line + System.lineSeparator()));
			status = 0;
		} catch (OperationException e) {
			status = cancelledOrThrown(console, e);
		} finally {
			process.end(status);
		}
	}

	/**
	 * A process's end by a {@link OperationException}, the same for one board and for several: said on the console,
	 * then the process's cancelled status, or the launch's failure.
	 */
	static int cancelledOrThrown(ProcessConsole console, OperationException e) throws CoreException {
		console.err(e.getMessage());
		if (e.isCancelled()) {
			return OperationProcess.CANCELLED;
		}
		throw new CoreException(ErrorStatus.of(e.getMessage(), e));
	}
}
