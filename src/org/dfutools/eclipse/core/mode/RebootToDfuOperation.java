package org.dfutools.eclipse.core.mode;

import java.time.Duration;
import java.util.List;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.BoardOperation;
import org.dfutools.eclipse.core.operation.InDfuMode;
import org.dfutools.eclipse.core.operation.ModeSwitch;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.core.operation.StepTimes;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * Reboot to DFU, on the {@link BoardOperation} skeleton: a board running its application is held, rebooted into DFU
 * mode and followed there; the skeleton's reboot is the whole of it. A board already in DFU mode is refused untouched.
 */
public final class RebootToDfuOperation extends BoardOperation<ModeReport> {

	private static final Texts TEXTS = new Texts(Messages.RebootToDfuOperation_task, Messages.RebootToDfuOperation_checking,
			Messages.RebootToDfuOperation_activity, Messages.RebootToDfuOperation_status,
			new ModeSwitch.Statuses(Messages.RebootToDfuOperation_status, Messages.StartApplicationOperation_status),
			Messages.RebootToDfuOperation_cancelled, Messages.RebootToDfuOperation_returning, Messages.RebootToDfuOperation_returned);

	private final BoardChoice choice;

	public RebootToDfuOperation(DfuDeviceService service, OperationPreferences preferences, DfuUtilConsole console,
			BoardChoice choice) {
		super(service, preferences, console, TEXTS);
		this.choice = choice;
	}

	@Override
	protected Board select(List<Board> boards) throws OperationException {
		return choice.select(boards);
	}

	@Override
	protected void checkBeforeTouching(Board board) throws OperationException {
		if (board.mode().isDfuMode()) {
			throw new OperationException(NLS.bind(Messages.RebootToDfuOperation_inDfuMode, board.label()));
		}
	}

	@Override
	protected void checkInDfuMode(InDfuMode at) {
		// nothing more to check: DFU mode was the goal
	}

	@Override
	protected ModeReport inDfuMode(InDfuMode at, IProgressMonitor monitor) {
		List<StepTimes.Step> steps = at.times().steps();
		return new ModeReport(at.before(), at.board(), steps.get(steps.size() - 1).duration(), at.times().total());
	}

	/** Never used: nothing fails once the board is in DFU mode, so a reboot never sends a board back. */
	@Override
	protected Duration applicationTimeout() {
		return Duration.ZERO;
	}
}
