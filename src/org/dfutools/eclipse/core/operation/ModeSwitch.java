package org.dfutools.eclipse.core.operation;

import java.time.Duration;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.dfu.DetachException;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.dfu.StartApplication;
import org.dfutools.eclipse.core.dfu.StartApplicationException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * The held board into DFU mode and back to its application, as steps of an operation: each written to the console
 * and shown on the board's row, and the way back for a board the operation rebooted and then changed nothing on.
 */
public final class ModeSwitch {

	/** What a board's row says while the operation reboots it into DFU mode, and while it starts its application. */
	public record Statuses(String detaching, String returning) {
	}

	private final DfuDeviceService service;
	private final OperationPreferences preferences;
	private final OperationConsole console;
	private final WhereTheBoardIs whereabouts;
	private final Statuses statuses;

	public ModeSwitch(DfuDeviceService service, OperationPreferences preferences, OperationConsole console,
			WhereTheBoardIs whereabouts, Statuses statuses) {
		this.service = service;
		this.preferences = preferences;
		this.console = console;
		this.whereabouts = whereabouts;
		this.statuses = statuses;
	}

	/** Reboots the held board into DFU mode; the board as it is there. */
	public Board rebootToDfu(BusyBoards.Claim held, Board board, IProgressMonitor monitor) throws OperationException {
		held.show(statuses.detaching());
		console.info(NLS.bind(Messages.ModeSwitch_rebooting, board.device().displayName()));
		boolean touch = board.device().entersDfuByTouch();
		if (touch) {
			console.info(NLS.bind(Messages.ModeSwitch_touch, board.device().displayName()));
		} else if (board.device().functional().isEmpty()) {
			console.info(NLS.bind(Messages.ModeSwitch_noFunctional, board.device().displayName(),
					Integer.valueOf(RebootToDfu.FALLBACK_DETACH_TIMEOUT_MS)));
		}
		try {
			DetachResult result = new RebootToDfu(service, preferences.reenumerationAllowance()).runWithin(held, board, monitor);
			console.info(NLS.bind(touch ? Messages.ModeSwitch_inDfuModeAfterTouch : Messages.ModeSwitch_inDfuMode,
					new Object[] { Long.valueOf(result.detachSent().toMillis()), Long.valueOf(result.deviceBack().toMillis()),
							result.board().describe() }));
			return result.board();
		} catch (DetachException e) {
			if (e.reason() == DetachException.Reason.USB_ERROR || e.reason() == DetachException.Reason.VANISHED_BEFORE_DETACH) {
				whereabouts.settle(board);
			}
			if (e.reason() == DetachException.Reason.CANCELLED) {
				throw whereabouts.cancelled(e.getMessage(), board);
			}
			throw whereabouts.failure(e.getMessage(), board, e);
		}
	}

	/** Starts the held board's application and follows it back to run-time mode. */
	public StartApplication.Result startApplication(BusyBoards.Claim held, Board board, Duration applicationTimeout,
			IProgressMonitor monitor) throws StartApplicationException {
		held.show(statuses.returning());
		StartApplication.Result back = new StartApplication(service, preferences.reenumerationAllowance(), applicationTimeout)
				.runWithin(held, board, monitor);
		console.info(NLS.bind(Messages.ModeSwitch_applicationBack, Long.valueOf(back.back().toMillis()), back.board().describe()));
		return back;
	}

	/**
	 * What a failure becomes when the operation has changed nothing on the board yet. A board it rebooted into DFU
	 * mode is sent back to its application (the console says so with {@code returning}, which takes the failure), and
	 * the message ends with {@code returned}, or with why the board did not get there and where it is; a board found
	 * in DFU mode stays there, and the message says where it is.
	 */
	public OperationException wayBack(OperationException failure, boolean rebooted, String returning, String returned,
			BusyBoards.Claim held, Board board, Duration applicationTimeout, IProgressMonitor monitor) {
		if (!rebooted) {
			return whereabouts.failure(failure.getMessage(), board, failure);
		}
		console.info(NLS.bind(returning, failure.getMessage()));
		try {
			startApplication(held, board, applicationTimeout, monitor);
			return WhereTheBoardIs.saying(OperationException.sentence(failure.getMessage()) + ' ' + returned,
					BoardPlace.RUNTIME, failure);
		} catch (StartApplicationException notBack) {
			return whereabouts.failure(OperationException.sentence(failure.getMessage()) + ' '
					+ OperationException.sentence(notBack.getMessage()), board, failure);
		}
	}
}
