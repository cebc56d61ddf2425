package org.dfutools.eclipse.core.operation;

import java.nio.file.Path;
import java.time.Duration;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilExitStatus;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRunner;
import org.dfutools.eclipse.core.dfuutil.DfuUtilSlots;
import org.dfutools.eclipse.core.dfuutil.DfuUtilLocation;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersion;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.osgi.util.NLS;

/**
 * dfu-util as a step of an operation: found and its version known before any board is touched, then run on the held
 * board, each run written to the console and taking its turn among the runs of a flash of several boards.
 */
public final class DfuUtilStep {

	private static final Duration VERSION_LIMIT = Duration.ofSeconds(5);

	private final DfuUtilVersions versions;
	private final OperationPreferences preferences;
	private final OperationConsole console;
	private final DfuUtilSlots slots;
	private final WhereTheBoardIs whereabouts;
	/** The dfu-util {@link #locate} found: the one every run of this operation uses. */
	private Path executable;

	/** @param slots the turns dfu-util runs take, shared by the boards of one flash of several */
	public DfuUtilStep(DfuUtilVersions versions, OperationPreferences preferences, OperationConsole console,
			DfuUtilSlots slots, WhereTheBoardIs whereabouts) {
		this.versions = versions;
		this.preferences = preferences;
		this.console = console;
		this.slots = slots;
		this.whereabouts = whereabouts;
	}

	/** Finds the dfu-util to run, and its version (which proves it runs), before any board is touched. */
	public void locate(IProgressMonitor monitor) throws OperationException {
		try {
			DfuUtilLocation found = versions.locate(preferences.dfuUtil());
			DfuUtilVersion version = versions.version(found.executable(), VERSION_LIMIT, monitor);
			console.info(NLS.bind(Messages.DfuUtilStep_found, new Object[] { version, found.origin().label(), found.executable() }));
			executable = found.executable();
		} catch (DfuUtilException e) {
			throw new OperationException(e.getMessage(), e);
		} catch (OperationCanceledException e) {
			throw OperationException.cancelled(Messages.BoardOperation_cancelledBeforeBoard);
		}
	}

	/** The dfu-util {@link #locate} found. */
	public Path executable() {
		if (executable == null) {
			throw new IllegalStateException("dfu-util is run before it was located"); //$NON-NLS-1$
		}
		return executable;
	}

	/**
	 * Runs dfu-util once on the held board, its row showing {@code during} (or erasing); a run that failed as the
	 * board left DFU mode is returned for the board to judge, any other failure is thrown.
	 */
	public DfuUtilRun run(DfuUtilCommand command, Board board, BusyBoards.Claim held, String during,
			IProgressMonitor monitor) throws OperationException {
		DfuUtilRun run = runAsIs(command, board, held, during, monitor);
		if (run.failedAsTheBoardLeft()) {
			console.info(NLS.bind(Messages.DfuUtilStep_judgingByTheBoard, Integer.valueOf(run.exitStatus()), run.lastError()));
		} else if (!run.succeeded()) {
			if (run.exitStatus() == DfuUtilExitStatus.IO_ERROR && !run.boardError()) {
				whereabouts.settle(board); // the board may be lost: it says so on the bus a moment later
			}
			throw whereabouts.failure(DfuUtilExitStatus.describe(run), board, null);
		} else if (run.exitStatus() != 0) {
			console.info(NLS.bind(Messages.DfuUtilStep_resetStatus, Integer.valueOf(run.exitStatus())));
		}
		return run;
	}

	/** Runs dfu-util once on the held board and returns how it ended, failed or not; throws when it could not run. */
	public DfuUtilRun runAsIs(DfuUtilCommand command, Board board, BusyBoards.Claim held, String during,
			IProgressMonitor monitor) throws OperationException {
		try (DfuUtilSlots.Slot turn = slots.take(monitor, () -> {
			held.show(Messages.DfuUtilStep_statusWaitingForTurn);
			console.info(Messages.DfuUtilStep_waitingForTurn);
		})) {
			held.show(during);
			return new DfuUtilRunner(console.output(), phase -> held.show(statusOf(phase, during)))
					.run(command, preferences.dfuUtilLimit(), monitor);
		} catch (DfuUtilException e) {
			if (e.isCancelled()) {
				throw whereabouts.cancelled(e.getMessage(), board);
			}
			throw whereabouts.failure(e.getMessage(), board, e);
		}
	}

	/** The row's status while dfu-util is in {@code phase}: "Erase" has its own, else the step's ({@code during}). */
	private static String statusOf(String phase, String during) {
		return "Erase".equals(phase) ? Messages.DfuUtilStep_statusErasing : during; //$NON-NLS-1$
	}
}
