package org.dfutools.eclipse.core.operation;

import java.time.Duration;
import java.util.List;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.core.device.Reenumeration;

/**
 * The skeleton of every operation on one board (a flash, a save, Reboot to DFU, Start Application), run by
 * {@link #execute(IProgressMonitor)}: what the operation needs before the board list (dfu-util, the firmware), the
 * board list, the board selected and checked before it is touched; then, holding the board, into DFU mode, checked
 * again there (a board the operation rebooted and changed nothing on is sent back), and the operation's own steps.
 * Every wait is bounded and follows the monitor; every failure says where the board was left.
 *
 * @param <R> what the operation reports when it is done
 */
public abstract class BoardOperation<R> {

	/** The words that make the skeleton's steps this operation's: its task, row statuses and messages. */
	public record Texts(String task, String checking, String activity, String starting, ModeSwitch.Statuses statuses,
			String cancelled, String returningUnchanged, String returnedUnchanged) {
	}

	protected final DfuDeviceService service;
	protected final OperationConsole console;
	protected final WhereTheBoardIs whereabouts;
	protected final ModeSwitch modes;
	private final Texts texts;
	/** The board the operation works on, once it is known: where it was left is part of every failure. */
	private volatile Board target;

	protected BoardOperation(DfuDeviceService service, OperationPreferences preferences, DfuUtilConsole console, Texts texts) {
		this.service = service;
		this.console = new OperationConsole(console);
		this.whereabouts = new WhereTheBoardIs(service);
		this.modes = new ModeSwitch(service, preferences, this.console, whereabouts, texts.statuses());
		this.texts = texts;
	}

	/**
	 * Runs the operation once. Throws with the message for the user when a step fails or is cancelled
	 * ({@link OperationException#isCancelled()}); the message ends with where the board was left.
	 */
	public final R execute(IProgressMonitor monitor) throws OperationException {
		try {
			return run(SubMonitor.convert(monitor, texts.task(), 100));
		} catch (OperationCanceledException e) {
			Board board = target;
			throw board == null ? OperationException.cancelled(texts.cancelled()) : whereabouts.cancelled(texts.cancelled(), board);
		}
	}

	private R run(SubMonitor progress) throws OperationException {
		StepTimes times = new StepTimes();
		progress.subTask(texts.checking());
		prepare(progress);
		DeviceRegistry registry = UsbListing.await(service, progress);
		Board before = chosen(registry.boards());
		target = before;
		console.info(NLS.bind(Messages.BoardOperation_board, before.describe()));
		checkBeforeTouching(before);
		return service.busyBoards().whileHolding(before.id(), texts.activity(), texts.starting(),
				held -> whileHolding(registry, held, before, times, progress),
				holder -> new OperationException(NLS.bind(Messages.BoardOperation_busy, before.label(), holder)));
	}

	private Board chosen(List<Board> boards) throws OperationException {
		try {
			return select(boards);
		} catch (OperationException e) {
			throw e.stoppedAt(OperationException.StoppedAt.BOARD_CHOICE);
		}
	}

	/** The board held as it was found ({@code before}): into DFU mode, checked there, then the operation's own steps. */
	private R whileHolding(DeviceRegistry registry, BusyBoards.Claim held, Board before, StepTimes times,
			SubMonitor progress) throws OperationException {
		// From here on every reset is expected: the board keeps its row while it re-enumerates.
		try (WorkFolder work = new WorkFolder(); Reenumeration expected = registry.expectReenumeration(before.id())) {
			times.doneSinceStart(Messages.BoardOperation_stepCheck);
			progress.worked(2);
			Board board = before;
			if (!before.mode().isDfuMode()) {
				long start = System.nanoTime();
				board = modes.rebootToDfu(held, before, progress.split(25));
				times.done(Messages.BoardOperation_stepDetach, start);
			}
			progress.setWorkRemaining(73);
			InDfuMode at = new InDfuMode(held, before, board, board != before, work, times);
			try {
				checkInDfuMode(at);
			} catch (OperationException e) {
				throw wayBack(at, e, progress.split(1));
			}
			try {
				return inDfuMode(at, progress.split(72));
			} catch (OperationException e) {
				// A step that did not say where the board is (a file it could not prepare): the bus says.
				throw e.place() == BoardPlace.UNTOUCHED ? e.at(whereabouts.place(board)) : e;
			}
		}
	}

	/**
	 * What a failure becomes while nothing on the board has changed: a board this operation rebooted is sent back to
	 * its application; a board found in DFU mode stays there. The message says which.
	 */
	protected final OperationException wayBack(InDfuMode at, OperationException failure, IProgressMonitor monitor) {
		return modes.wayBack(failure, at.rebooted(), texts.returningUnchanged(), texts.returnedUnchanged(), at.held(),
				at.board(), applicationTimeout(), monitor);
	}

	/** What the operation needs before the board list is read: the tools it runs, the files it reads. */
	protected void prepare(IProgressMonitor monitor) throws OperationException {
		// nothing by default
	}

	/** The board the operation's settings name among the attached ones. */
	protected abstract Board select(List<Board> boards) throws OperationException;

	/** What would fail once the board is in DFU mode fails now, as far as the board is known. */
	protected abstract void checkBeforeTouching(Board board) throws OperationException;

	/** The checks again with the board in DFU mode, where all of it is known (its first DFU mode, maybe). */
	protected abstract void checkInDfuMode(InDfuMode at) throws OperationException;

	/** The operation's own steps, on the held board in DFU mode. */
	protected abstract R inDfuMode(InDfuMode at, IProgressMonitor monitor) throws OperationException;

	/** How long the application may take to come back when the operation starts it. */
	protected abstract Duration applicationTimeout();
}
