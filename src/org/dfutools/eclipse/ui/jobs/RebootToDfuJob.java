package org.dfutools.eclipse.ui.jobs;

import java.util.Optional;
import java.util.function.Consumer;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.DfuPreferences;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.BusyBoards;
import org.dfutools.eclipse.core.dfu.DetachException;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;

/**
 * Reboots one board into DFU mode as a user job: progress and cancellation in the Progress view, the
 * row marked while it works, the time to DFU mode reported, and failures as an error status (a dialog,
 * and the error log).
 */
public final class RebootToDfuJob extends Job {

	private final Board board;
	private final Consumer<String> report;

	/** @param report receives the one-line result for the status line, on the job's thread */
	public RebootToDfuJob(Board board, Consumer<String> report) {
		super(NLS.bind(Messages.RebootToDfuJob_name, board.device().displayName(), board.device().location().portPath()));
		this.board = board;
		this.report = report;
		setUser(true);
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		Optional<BusyBoards.Claim> claim = BusyBoards.shared().claim(board.id(), Messages.RebootToDfuJob_busyHolder,
				Messages.RebootToDfuJob_activity);
		if (claim.isEmpty()) {
			return Status.error(NLS.bind(Messages.RebootToDfuJob_busy, board.device().displayName(),
					BusyBoards.shared().holder(board.id()).orElse(""))); //$NON-NLS-1$
		}
		try (BusyBoards.Claim held = claim.get()) {
			DfuDeviceService service = DfuDeviceService.get();
			DetachResult result = new RebootToDfu(service, DfuPreferences.reenumerationAllowance()).run(board, monitor);
			report.accept(NLS.bind(Messages.RebootToDfuJob_done, new Object[] { board.device().displayName(),
					result.board().device().id(), Long.valueOf(result.deviceBack().toMillis()) }));
			return Status.OK_STATUS;
		} catch (DetachException e) {
			if (e.reason() == DetachException.Reason.CANCELLED) {
				return Status.CANCEL_STATUS;
			}
			return new Status(IStatus.ERROR, Activator.PLUGIN_ID, e.getMessage(), e);
		}
	}

	@Override
	public boolean belongsTo(Object family) {
		return Activator.PLUGIN_ID.equals(family);
	}
}
