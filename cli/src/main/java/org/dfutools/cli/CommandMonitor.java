package org.dfutools.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The progress monitor a command gives its operation: the work done shown (the terminal's bar, the service's
 * notifications), and the cancel that Ctrl-C or a client of the service sets.
 */
public final class CommandMonitor implements IProgressMonitor {

	private final ProgressShown shown;
	/** The command's monitor, for one board's part of a command on several; null for the command's own. */
	private final CommandMonitor whole;
	private final AtomicBoolean cancelled = new AtomicBoolean();
	private final CountDownLatch cancel = new CountDownLatch(1);
	private volatile double total = 1;
	private volatile double done;
	private volatile String task = ""; //$NON-NLS-1$
	private volatile String subTask = ""; //$NON-NLS-1$

	public CommandMonitor(ProgressShown shown) {
		this(shown, null);
	}

	private CommandMonitor(ProgressShown shown, CommandMonitor whole) {
		this.shown = shown;
		this.whole = whole;
	}

	/** One board's part of a command on several boards at once: its progress not shown, cancelled with the command. */
	public CommandMonitor part() {
		return new CommandMonitor(ProgressShown.NONE, this);
	}

	@Override
	public void beginTask(String name, int totalWork) {
		task = name == null ? "" : name; //$NON-NLS-1$
		total = totalWork > 0 ? totalWork : 1;
		done = 0;
		draw();
	}

	@Override
	public void done() {
		shown.ended();
	}

	@Override
	public void internalWorked(double work) {
		done += work;
		draw();
	}

	@Override
	public boolean isCanceled() {
		return cancelled.get() || (whole != null && whole.isCanceled());
	}

	@Override
	public void setCanceled(boolean value) {
		cancelled.set(value);
		if (value) {
			cancel.countDown();
		}
	}

	/** Waits until the command is cancelled (Ctrl-C): a command that runs until the user stops it. */
	public void awaitCancel() throws InterruptedException {
		cancel.await();
	}

	@Override
	public void setTaskName(String name) {
		task = name == null ? "" : name; //$NON-NLS-1$
		draw();
	}

	@Override
	public void subTask(String name) {
		subTask = name == null ? "" : name; //$NON-NLS-1$
		draw();
	}

	@Override
	public void worked(int work) {
		internalWorked(work);
	}

	private void draw() {
		shown.progress(done / total, subTask.isEmpty() ? task : subTask);
	}
}
