package org.dfutools.eclipse.ui.jobs;

import java.util.function.Consumer;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.core.internal.ErrorStatus;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * One operation on one board as a user job: progress and cancellation in the Progress view, the result for
 * the status line, failures as an error status (a dialog, and the error log). The operation itself holds
 * the board busy, and refuses one that another operation holds.
 */
abstract class BoardJob extends Job {

	protected final Board board;
	private final Consumer<String> report;

	/** @param report receives the one-line result for the status line, on the job's thread */
	BoardJob(String name, Board board, Consumer<String> report) {
		super(name);
		this.board = board;
		this.report = report;
		setUser(true);
	}

	/** Does the work; returns the line for the status line, or throws with the status to report (cancel too). */
	protected abstract String perform(IProgressMonitor monitor) throws CoreException;

	@Override
	protected final IStatus run(IProgressMonitor monitor) {
		try {
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
