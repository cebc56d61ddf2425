package org.dfutools.eclipse.core.flash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.dfu.BoardWatch;
import org.dfutools.eclipse.core.dfu.DetachException;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.dfu.StartApplication;
import org.dfutools.eclipse.core.dfu.StartApplicationException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.dfuutil.DfuUtilException;
import org.dfutools.eclipse.core.dfuutil.DfuUtilExitStatus;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRunner;
import org.dfutools.eclipse.core.dfuutil.DfuUtilSlots;
import org.dfutools.eclipse.core.dfuutil.DfuUtilTool;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersion;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.osgi.util.NLS;

/**
 * The steps every dfu-util operation on one board is made of (a flash, a save): dfu-util found and its
 * version known, the board list, the reboot into DFU mode and the way back, one dfu-util run, each
 * written to the console; and where the board is now, which ends every failure message.
 */
public final class BoardSteps {

	private static final Duration VERSION_LIMIT = Duration.ofSeconds(5);
	/**
	 * How long a failure that may mean the board left the bus waits for the bus to say so before it states where the
	 * board is: the hotplug event of a board pulled out comes milliseconds after the transfer it broke.
	 */
	static final Duration SETTLE = Duration.ofMillis(300);

	private final DfuDeviceService service;
	private final DfuUtilVersions versions;
	private final FlashTools tools;
	private final DfuUtilConsole console;
	private final Statuses statuses;
	private final DfuUtilSlots slots;

	/** What a board's row says while the operation reboots it into DFU mode, and while it starts its application. */
	public record Statuses(String detaching, String returning) {
	}

	/** @param slots the turns dfu-util runs take, shared by the boards of one flash of several */
	public BoardSteps(DfuDeviceService service, DfuUtilVersions versions, FlashTools tools, DfuUtilConsole console,
			Statuses statuses, DfuUtilSlots slots) {
		this.service = service;
		this.versions = versions;
		this.tools = tools;
		this.console = console;
		this.statuses = statuses;
		this.slots = slots;
	}

	DfuDeviceService service() {
		return service;
	}

	FlashTools tools() {
		return tools;
	}

	/** The dfu-util to run, once its version is known (which proves it runs). */
	Path dfuUtil(IProgressMonitor monitor) throws FlashException {
		try {
			Path executable = DfuUtilTool.locate(tools.dfuUtil());
			DfuUtilVersion version = versions.version(executable, VERSION_LIMIT, monitor);
			info(NLS.bind(Messages.FlashChain_dfuUtil, version, executable));
			return executable;
		} catch (DfuUtilException e) {
			throw new FlashException(e.getMessage(), e);
		} catch (OperationCanceledException e) {
			throw FlashException.cancelled(Messages.FlashChain_cancelledBeforeBoard);
		}
	}

	/** The registry once it lists the attached boards: USB may be starting when the operation is its first user. */
	DeviceRegistry awaitListing(IProgressMonitor monitor) throws FlashException {
		DeviceRegistry registry = service.registry();
		UsbStatus status;
		try {
			status = registry.awaitStart(DeviceRegistry.START_LIMIT, monitor);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw FlashException.cancelled(Messages.FlashChain_cancelledBeforeBoard);
		}
		if (monitor.isCanceled()) {
			throw FlashException.cancelled(Messages.FlashChain_cancelledBeforeBoard);
		}
		if (status.state() != UsbStatus.State.LISTING) {
			throw new FlashException(NLS.bind(Messages.FlashChain_noUsb,
					status.failure().isEmpty() ? Messages.FlashChain_usbStarting : status.failure()));
		}
		return registry;
	}

	/** Reboots the held board into DFU mode; the board as it is there. */
	Board rebootToDfu(BusyBoards.Claim held, Board board, IProgressMonitor monitor) throws FlashException {
		held.show(statuses.detaching());
		info(NLS.bind(Messages.FlashChain_rebooting, board.device().displayName()));
		if (board.device().functional().isEmpty()) {
			info(NLS.bind(Messages.FlashChain_noFunctional, board.device().displayName(),
					Integer.valueOf(RebootToDfu.FALLBACK_DETACH_TIMEOUT_MS)));
		}
		try {
			DetachResult result = new RebootToDfu(service, tools.reenumerationAllowance()).runWithin(held, board, monitor);
			info(NLS.bind(Messages.FlashChain_inDfuMode, new Object[] { Long.valueOf(result.detachSent().toMillis()),
					Long.valueOf(result.deviceBack().toMillis()), describe(result.board()) }));
			return result.board();
		} catch (DetachException e) {
			if (e.reason() == DetachException.Reason.USB_ERROR || e.reason() == DetachException.Reason.VANISHED_BEFORE_DETACH) {
				settle(board);
			}
			String message = withWhere(e.getMessage(), board);
			if (e.reason() == DetachException.Reason.CANCELLED) {
				throw FlashException.cancelled(message);
			}
			throw new FlashException(message, e);
		}
	}

	/** Starts the held board's application and follows it back to run-time mode. */
	StartApplication.Result startApplication(BusyBoards.Claim held, Board board, Duration applicationTimeout,
			IProgressMonitor monitor) throws StartApplicationException {
		held.show(statuses.returning());
		StartApplication.Result back = new StartApplication(service, tools.reenumerationAllowance(), applicationTimeout)
				.runWithin(held, board, monitor);
		info(NLS.bind(Messages.FlashChain_applicationBack, Long.valueOf(back.back().toMillis()), describe(back.board())));
		return back;
	}

	/**
	 * What a failure becomes when the operation has changed nothing on the board yet. A board it rebooted into DFU
	 * mode is sent back to its application (the console says so with {@code returning}, which takes the failure), and
	 * the message ends with {@code returned}, or with why the board did not get there and where it is; a board found
	 * in DFU mode stays there, and the message says where it is.
	 */
	FlashException unwritten(FlashException failure, boolean rebooted, String returning, String returned, BusyBoards.Claim held,
			Board board, Duration applicationTimeout, IProgressMonitor monitor) {
		if (!rebooted) {
			return new FlashException(withWhere(failure.getMessage(), board), failure);
		}
		info(NLS.bind(returning, failure.getMessage()));
		try {
			startApplication(held, board, applicationTimeout, monitor);
			return new FlashException(sentence(failure.getMessage()) + ' ' + returned, failure);
		} catch (StartApplicationException notBack) {
			return new FlashException(sentence(failure.getMessage()) + ' ' + sentence(notBack.getMessage()) + ' '
					+ whereIs(board), failure);
		}
	}

	/**
	 * Runs dfu-util once on the held board, its row showing {@code during} (or erasing); a run that failed as the
	 * board left DFU mode is returned for the board to judge, any other failure is thrown.
	 */
	DfuUtilRun runDfuUtil(DfuUtilCommand command, Board board, BusyBoards.Claim held, String during,
			IProgressMonitor monitor) throws FlashException {
		DfuUtilRun run = runDfuUtilAsIs(command, board, held, during, monitor);
		if (run.failedAsTheBoardLeft()) {
			info(NLS.bind(Messages.FlashChain_judgingByTheBoard, Integer.valueOf(run.exitStatus()), run.lastError()));
		} else if (!run.succeeded()) {
			if (run.exitStatus() == DfuUtilExitStatus.IO_ERROR && !run.boardError()) {
				settle(board); // the board may be lost: it says so on the bus a moment later
			}
			throw new FlashException(withWhere(DfuUtilExitStatus.describe(run), board));
		} else if (run.exitStatus() != 0) {
			info(NLS.bind(Messages.FlashChain_resetStatus, Integer.valueOf(run.exitStatus())));
		}
		return run;
	}

	/** Runs dfu-util once on the held board and returns how it ended, failed or not; throws when it could not run. */
	DfuUtilRun runDfuUtilAsIs(DfuUtilCommand command, Board board, BusyBoards.Claim held, String during,
			IProgressMonitor monitor) throws FlashException {
		try (DfuUtilSlots.Slot turn = slots.take(monitor, () -> {
			held.show(Messages.FlashChain_statusWaitingForTurn);
			info(Messages.FlashChain_waitingForTurn);
		})) {
			held.show(during);
			return new DfuUtilRunner(console, phase -> held.show(statusOf(phase, during)))
					.run(command, tools.dfuUtilLimit(), monitor);
		} catch (DfuUtilException e) {
			String message = withWhere(e.getMessage(), board);
			throw e.isCancelled() ? FlashException.cancelled(message) : new FlashException(message, e);
		}
	}

	/** The row's status while dfu-util is in {@code phase}: "Erase" has its own, else the step's ({@code during}). */
	private static String statusOf(String phase, String during) {
		return "Erase".equals(phase) ? Messages.FlashChain_statusErasing : during; //$NON-NLS-1$
	}

	/** A failure message ended as a sentence, then where the board is now. */
	String withWhere(String message, Board board) {
		return sentence(message) + ' ' + whereIs(board);
	}

	/** The message ended with a full stop, unless it ends with a mark of its own. */
	static String sentence(String message) {
		String sentence = message.strip();
		boolean ended = sentence.endsWith(".") || sentence.endsWith("!") || sentence.endsWith("?"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return ended ? sentence : sentence + '.';
	}

	/** Where the board is now, as the last sentence of a failure message. */
	String whereIs(Board board) {
		return now(board).map(now -> now.mode().isDfuMode() ? Messages.FlashChain_leftInDfu : Messages.FlashChain_leftInRuntime)
				.orElse(Messages.FlashChain_leftOffBus);
	}

	/**
	 * The board as the registry lists it now; empty when it is not on the bus. A board the registry still lists is
	 * opened to make sure: the registry hears of a board that left only from the bus's event, which may come later.
	 */
	Optional<Board> now(Board board) {
		return service.registry().board(board.id()).filter(Board::attached)
				.filter(listed -> !service.onTheBus(listed.device().location()).equals(Optional.of(Boolean.FALSE)));
	}

	/**
	 * After a failure that may mean the board left the bus (an I/O error), waits at most {@link #SETTLE} for the bus
	 * to report it gone; a board the registry already lists as gone, or that stays, ends the wait at once or at the bound.
	 */
	private void settle(Board board) {
		try (BoardWatch watch = new BoardWatch(service, board.id())) {
			// Looked at once the watch listens: a removal in between is then either seen here or heard by the watch.
			if (service.registry().board(board.id()).filter(Board::attached).isPresent()) {
				watch.await(BoardEvent.gone(),
						System.nanoTime() + SETTLE.toNanos(), new NullProgressMonitor());
			}
		} catch (BoardWatch.CancelledException e) {
			// a null monitor is never cancelled
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** A board in one line: name, ID, serial, port and mode. */
	public static String describe(Board board) {
		String serial = board.device().serial().isEmpty() ? "" : NLS.bind(Messages.FlashChain_serial, board.device().serial()); //$NON-NLS-1$
		return NLS.bind(Messages.FlashChain_describe, new Object[] { board.device().displayName(), board.device().id(),
				serial, board.device().location().portPath(), board.mode().isDfuMode() ? Messages.FlashChain_modeDfu
						: Messages.FlashChain_modeRuntime,
				String.format("%04x", Integer.valueOf(board.device().bcdDevice())) }); //$NON-NLS-1$
	}

	/** A line for the console. */
	void info(String line) {
		console.out(line + System.lineSeparator());
	}

	/** A step's name for the progress view and the console. */
	void progressNote(IProgressMonitor monitor, String task) {
		monitor.subTask(task);
		info(task);
	}

	static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}
}
