package org.dfutools.eclipse.ui.jobs;

import java.time.Duration;
import java.util.function.Consumer;

import org.dfutools.eclipse.core.DfuCore;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.StartApplication;
import org.dfutools.eclipse.core.dfu.StartApplicationException;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

/** Starts the application of one board in DFU mode and reports the time it took to come back. */
public final class StartApplicationJob extends BoardJob {

	/** @param report receives the one-line result for the status line, on the job's thread */
	public StartApplicationJob(Board board, Consumer<String> report) {
		super(NLS.bind(Messages.StartApplicationJob_name, board.label()), board, report);
	}

	@Override
	protected String perform(IProgressMonitor monitor) throws CoreException {
		try {
			StartApplication.Result result = new StartApplication(DfuCore.deviceService(),
					DfuPreferences.reenumerationAllowance(), Duration.ofSeconds(DfuPreferences.applicationTimeoutSeconds()))
					.run(board, monitor);
			// Named with its port: the status line may hold several identical boards of one command.
			return NLS.bind(Messages.StartApplicationJob_done, result.board().label(),
					Long.valueOf(result.back().toMillis()));
		} catch (StartApplicationException e) {
			throw failure(e, e.reason() == StartApplicationException.Reason.CANCELLED);
		}
	}
}
