package org.dfutools.eclipse.core.launch;

import java.util.List;

import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.flash.FlashException;
import org.dfutools.eclipse.core.internal.ErrorStatus;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.ILaunch;

/**
 * One chain (a flash, a save) run in a launch as one process: its console holds every step, dfu-util's output and
 * the summary; Terminate cancels it; a failure is the launch's error, a cancellation is not.
 */
final class ChainRun {

	/** The work: runs with the console and the monitor, returns the summary's lines. */
	@FunctionalInterface
	interface Chain {
		List<String> run(DfuUtilConsole console, IProgressMonitor monitor) throws FlashException;
	}

	private ChainRun() {
	}

	static void run(ILaunch launch, String label, String processType, Chain work, IProgressMonitor monitor)
			throws CoreException {
		ChainConsole console = ChainConsole.start(launch, label, processType);
		ChainProcess chain = console.chain();
		int status = 1;
		try {
			work.run(console, new CancellableMonitor(SubMonitor.convert(monitor, 1), chain))
					.forEach(line -> console.out(line + System.lineSeparator()));
			status = 0;
		} catch (FlashException e) {
			status = cancelledOrThrown(console, e);
		} finally {
			chain.end(status);
		}
	}

	/**
	 * A chain's end by a {@link FlashException}, the same for one board and for several: said on the console,
	 * then the process's cancelled status, or the launch's failure.
	 */
	static int cancelledOrThrown(ChainConsole console, FlashException e) throws CoreException {
		console.err(e.getMessage());
		if (e.isCancelled()) {
			return ChainProcess.CANCELLED;
		}
		throw new CoreException(ErrorStatus.of(e.getMessage(), e));
	}
}
