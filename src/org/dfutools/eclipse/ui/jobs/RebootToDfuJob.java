package org.dfutools.eclipse.ui.jobs;

import java.util.function.Consumer;

import org.dfutools.eclipse.core.DfuCore;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.DetachException;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
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
			DetachResult result = new RebootToDfu(DfuCore.deviceService(), DfuPreferences.reenumerationAllowance())
					.run(board, monitor);
			// Named with its port: the status line may hold several identical boards of one command.
			return NLS.bind(Messages.RebootToDfuJob_done, new Object[] { board.label(),
					result.board().device().id(), Long.valueOf(result.deviceBack().toMillis()) });
		} catch (DetachException e) {
			throw failure(e, e.reason() == DetachException.Reason.CANCELLED);
		}
	}
}
