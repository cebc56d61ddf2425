package org.dfutools.eclipse.ui.jobs;

import java.util.Optional;
import java.util.function.Consumer;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.BusyBoards;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.core.internal.ErrorStatus;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;

/**
 * One operation on one board as a user job: progress and cancellation in the Progress view, the board held
 * busy (its row says what is done), the result for the status line, failures as an error status (a dialog,
 * and the error log). A board busy with another operation is refused, not queued.
 */
abstract class BoardJob extends Job {

	protected final Board board;
	private final String holder;
	private final String activity;
	private final Consumer<String> report;

	/**
	 * @param holder   what holds the board, for "busy with ..."
	 * @param activity what its row says meanwhile
	 * @param report   receives the one-line result for the status line, on the job's thread
	 */
	BoardJob(String name, Board board, String holder, String activity, Consumer<String> report) {
		super(name);
		this.board = board;
		this.holder = holder;
		this.activity = activity;
		this.report = report;
		setUser(true);
	}

	/** Does the work; returns the line for the status line, or throws with the status to report (cancel too). */
	protected abstract String perform(IProgressMonitor monitor) throws CoreException;

	@Override
	protected final IStatus run(IProgressMonitor monitor) {
		Optional<BusyBoards.Claim> claim = BusyBoards.shared().claim(board.id(), holder, activity);
		if (claim.isEmpty()) {
			return Status.error(NLS.bind(Messages.BoardJob_busy, board.device().displayName(),
					BusyBoards.shared().holder(board.id()).orElse(""))); //$NON-NLS-1$
		}
		try (BusyBoards.Claim held = claim.get()) {
			report.accept(perform(monitor));
			return Status.OK_STATUS;
		} catch (CoreException e) {
			return e.getStatus();
		}
	}

	/** A failure for the dialog and the error log; a cancellation is reported as such, quietly. */
	protected static CoreException failure(Exception cause, boolean cancelled) {
		return new CoreException(cancelled ? Status.CANCEL_STATUS : ErrorStatus.of(cause.getMessage(), cause));
	}

	@Override
	public boolean belongsTo(Object family) {
		return Activator.PLUGIN_ID.equals(family);
	}
}
