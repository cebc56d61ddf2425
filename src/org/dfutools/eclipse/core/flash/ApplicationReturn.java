package org.dfutools.eclipse.core.flash;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.dfu.BoardWatch;
import org.dfutools.eclipse.core.dfu.BoardWatch.CancelledException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.operation.OperationConsole;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.StepTimes;
import org.dfutools.eclipse.core.operation.WhereTheBoardIs;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * The end of a flash, seen on the bus: the board back in its application, or at least gone from DFU mode. A dfu-util
 * run that failed as the board left DFU mode ({@code judged}) is a success when the board does this, and a failure
 * that quotes dfu-util when it does not.
 */
final class ApplicationReturn {

	private final BoardWatch watch;
	private final OperationConsole console;
	private final WhereTheBoardIs whereabouts;
	private final Duration reenumerationAllowance;

	/** @param watch the board's events, heard since before the last dfu-util run */
	ApplicationReturn(BoardWatch watch, OperationConsole console, WhereTheBoardIs whereabouts, Duration reenumerationAllowance) {
		this.watch = watch;
		this.console = console;
		this.whereabouts = whereabouts;
		this.reenumerationAllowance = reenumerationAllowance;
	}

	/**
	 * Waits for the board to come back in run-time mode from {@code board}, in DFU mode: a new enumeration, so that
	 * no event from before that board's last visit to DFU mode counts.
	 */
	Board application(Board board, Duration limit, Optional<DfuUtilRun> judged, IProgressMonitor monitor)
			throws OperationException {
		console.step(monitor, Messages.ApplicationReturn_waiting);
		long start = System.nanoTime();
		BoardEvent back = await(BoardEvent.backAsNewDevice(board.device().location().deviceKey())
				.and(event -> !event.board().mode().isDfuMode()), start + limit.toNanos(), board, monitor);
		Long seconds = Long.valueOf(limit.toSeconds());
		if (back == null && judged.isPresent()) {
			throw whereabouts.failure(NLS.bind(Messages.ApplicationReturn_leftButNotBack, new Object[] {
					Integer.valueOf(judged.get().exitStatus()), lastErrorOf(judged.get()), seconds }), board, null);
		}
		if (back == null) {
			throw whereabouts.failure(NLS.bind(Messages.ApplicationReturn_notBack, seconds), board, null);
		}
		console.info(NLS.bind(Messages.ApplicationReturn_back, Long.valueOf(StepTimes.since(start).toMillis()),
				back.board().describe()));
		judged.ifPresent(run -> console.info(NLS.bind(Messages.ApplicationReturn_judgedByTheBoard, Integer.valueOf(run.exitStatus()))));
		return back.board();
	}

	/**
	 * Waits for a board that has not been seen in run-time mode to leave DFU mode after dfu-util failed as it
	 * should have left: gone from the bus, or back as another device, within the re-enumeration allowance.
	 */
	void departure(Board board, DfuUtilRun judged, IProgressMonitor monitor) throws OperationException {
		String inDfu = board.device().location().deviceKey();
		BoardEvent left = await(BoardEvent.gone().or(event -> !event.board().device().location().deviceKey().equals(inDfu)),
				System.nanoTime() + reenumerationAllowance.toNanos(), board, monitor);
		if (left == null) {
			throw whereabouts.failure(NLS.bind(Messages.ApplicationReturn_leftNot, new Object[] {
					Integer.valueOf(judged.exitStatus()), lastErrorOf(judged), Long.valueOf(reenumerationAllowance.toMillis()) }),
					board, null);
		}
		console.info(NLS.bind(Messages.ApplicationReturn_judgedByDeparture, Integer.valueOf(judged.exitStatus())));
	}

	private BoardEvent await(Predicate<BoardEvent> wanted, long deadline, Board board,
			IProgressMonitor monitor) throws OperationException {
		try {
			return watch.await(wanted, deadline, monitor);
		} catch (CancelledException e) {
			throw whereabouts.cancelled(Messages.ApplicationReturn_cancelled, board);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw whereabouts.cancelled(Messages.ApplicationReturn_cancelled, board);
		}
	}

	/** dfu-util's last error line in quotes, or that it printed none. */
	private static String lastErrorOf(DfuUtilRun run) {
		return run.lastError().isEmpty() ? Messages.ApplicationReturn_noErrorLine : '"' + run.lastError() + '"';
	}
}
