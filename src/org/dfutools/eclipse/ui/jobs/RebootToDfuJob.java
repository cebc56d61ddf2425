package org.dfutools.eclipse.ui.jobs;

import java.util.function.Consumer;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.mode.RebootToDfuOperation;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

/** Reboots one board into DFU mode and reports the time it took to get there. */
public final class RebootToDfuJob extends BoardJob {

	/** @param report receives the one-line result for the status line, on the job's thread */
	public RebootToDfuJob(Board board, Consumer<String> report) {
		super(NLS.bind(Messages.RebootToDfuJob_name, board.device().displayName(), board.device().location().portPath()),
				board, report);
	}

	@Override
	protected String perform(IProgressMonitor monitor) throws CoreException {
		try {
			ModeReport report = new RebootToDfuOperation(DfuCore.deviceService(), DfuPreferences.operationPreferences(),
					DfuUtilConsole.NONE, BoardChoice.exactly(board)).execute(monitor);
			// Named with its port: the status line may hold several identical boards of one command.
			return NLS.bind(Messages.RebootToDfuJob_done, new Object[] { board.label(), report.board().device().id(),
					Long.valueOf(report.switched().toMillis()) });
		} catch (OperationException e) {
			throw failure(e, e.isCancelled());
		}
	}
}
