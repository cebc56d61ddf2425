package org.dfutools.eclipse.core.mode;

import java.time.Duration;
import java.util.List;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.StartApplication;
import org.dfutools.eclipse.core.dfu.StartApplicationException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.BoardOperation;
import org.dfutools.eclipse.core.operation.BoardPlace;
import org.dfutools.eclipse.core.operation.InDfuMode;
import org.dfutools.eclipse.core.operation.ModeSwitch;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * Start Application, on the {@link BoardOperation} skeleton: a board in DFU mode is held, told to start its
 * application and followed back to run-time mode. A board running its application is refused untouched.
 */
public final class StartApplicationOperation extends BoardOperation<ModeReport> {

	private static final Texts TEXTS = new Texts(Messages.StartApplicationOperation_task,
			Messages.StartApplicationOperation_checking, Messages.StartApplicationOperation_activity,
			Messages.StartApplicationOperation_status,
			new ModeSwitch.Statuses(Messages.RebootToDfuOperation_status, Messages.StartApplicationOperation_status),
			Messages.StartApplicationOperation_cancelled, Messages.RebootToDfuOperation_returning,
			Messages.RebootToDfuOperation_returned);

	private final BoardChoice choice;
	private final Duration applicationTimeout;

	/** @param applicationTimeout how long the application may take to come back once the board left DFU mode */
	public StartApplicationOperation(DfuDeviceService service, OperationPreferences preferences, DfuUtilConsole console,
			BoardChoice choice, Duration applicationTimeout) {
		super(service, preferences, console, TEXTS);
		this.choice = choice;
		this.applicationTimeout = applicationTimeout;
	}

	@Override
	protected Board select(List<Board> boards) throws OperationException {
		return choice.select(boards);
	}

	@Override
	protected void checkBeforeTouching(Board board) throws OperationException {
		if (!board.mode().isDfuMode()) {
			throw new OperationException(NLS.bind(Messages.StartApplicationOperation_notInDfuMode, board.label()));
		}
	}

	@Override
	protected void checkInDfuMode(InDfuMode at) {
		// checked before touching: the board was found in DFU mode
	}

	@Override
	protected ModeReport inDfuMode(InDfuMode at, IProgressMonitor monitor) throws OperationException {
		long start = System.nanoTime();
		try {
			StartApplication.Result back = modes.startApplication(at.held(), at.board(), applicationTimeout, monitor);
			at.times().done(Messages.StartApplicationOperation_step, start);
			return new ModeReport(at.before(), back.board(), back.back(), at.times().total());
		} catch (StartApplicationException e) {
			if (e.reason() == StartApplicationException.Reason.CANCELLED) {
				throw whereabouts.cancelled(e.getMessage(), at.board());
			}
			// Its message says so when the board stayed in DFU mode: the sentence is added only where it is not.
			throw whereabouts.failure(e.getMessage(), at.board(), e, BoardPlace.DFU_MODE);
		}
	}

	@Override
	protected Duration applicationTimeout() {
		return applicationTimeout;
	}
}
