package org.dfutools.eclipse.core.dfu;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.dfu.BoardWatch.CancelledException;
import org.dfutools.eclipse.core.dfu.DetachException.Reason;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.dfutools.eclipse.core.usb.UsbException.Kind;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.core.device.Reenumeration;

/**
 * Reboots one run-time board into DFU mode as DFU 1.1 asks, and follows it there. DFU_DETACH carries
 * the device's own wDetachTimeOut; a USB reset follows only when the device will not detach itself. A board without
 * a DFU interface that enters DFU mode by the 1200-baud touch gets the touch instead ({@link TouchReboot}).
 * Then it waits for the board's hotplug events, not for the clock: at most wDetachTimeOut plus the
 * re-enumeration allowance, and no longer than the user wants (cancellation).
 */
public final class RebootToDfu {

	/** The re-enumeration allowance when the preference is not set. */
	public static final Duration DEFAULT_ALLOWANCE = Duration.ofSeconds(5);
	/**
	 * The wDetachTimeOut for a board without a functional descriptor, or one that says 0 (DFU 1.1 leaves that
	 * open): dfu-util's 1000 ms, which devices in the field expect.
	 */
	public static final int FALLBACK_DETACH_TIMEOUT_MS = 1000;

	/**
	 * How long past its wDetachTimeOut a board may take to leave the bus. Boards that detach themselves when
	 * DETACH's wValue runs out (the usb-device DFU run-time class) are seen to go a few milliseconds after it:
	 * their own timer, their bus polling and the host's hotplug event come on top.
	 */
	static final Duration LEAVE_MARGIN = Duration.ofMillis(500);

	private final DfuDeviceService service;
	private final Duration allowance;

	public RebootToDfu(DfuDeviceService service, Duration allowance) {
		this.service = service;
		this.allowance = allowance;
	}

	/** Reboots the board as a step of the operation that holds it (Reboot to DFU, a flash). */
	public DetachResult runWithin(BusyBoards.Claim held, Board board, IProgressMonitor monitor) throws DetachException {
		held.requireHolds(board.id());
		return reboot(board, monitor);
	}

	private DetachResult reboot(Board board, IProgressMonitor monitor) throws DetachException {
		SubMonitor progress = SubMonitor.convert(monitor, NLS.bind(Messages.RebootToDfu_task, name(board)), 100);
		if (board.mode().isDfuMode()) {
			throw new DetachException(Reason.NOT_RUNTIME, NLS.bind(Messages.RebootToDfu_notRuntime, name(board)));
		}
		if (board.device().entersDfuByTouch()) {
			return touch(board, progress);
		}
		DfuInterface dfu = board.device().primaryInterface().orElseThrow();
		boolean willDetach = dfu.functional().map(FunctionalDescriptor::willDetach).orElse(false);
		int timeout = dfu.functional().map(FunctionalDescriptor::detachTimeoutMs).filter(ms -> ms > 0)
				.orElse(FALLBACK_DETACH_TIMEOUT_MS);
		if (!willDetach && service.onWindows()) {
			throw new DetachException(Reason.WINDOWS_CANNOT_RESET, NLS.bind(Messages.RebootToDfu_windows, name(board)));
		}
		return follow(board, Messages.RebootToDfu_detaching, () -> {
			boolean leftAtOnce = send(board, dfu, timeout, !willDetach);
			long at = System.nanoTime();
			return new Sent(at, willDetach, timeout, NLS.bind(Messages.RebootToDfu_detachBound, Integer.valueOf(timeout)),
					leftAtOnce ? OptionalLong.empty()
					: OptionalLong.of(at + Duration.ofMillis(timeout).plus(LEAVE_MARGIN).toNanos()),
					NLS.bind(Messages.RebootToDfu_didNotLeave,
							new Object[] { name(board), Integer.valueOf(timeout), Long.valueOf(LEAVE_MARGIN.toMillis()) }));
		}, progress);
	}

	/**
	 * The 1200-baud touch on the board's serial port for a board without a DFU interface, and the board followed into
	 * DFU mode as after a DETACH of a board that detaches itself: it must leave within {@link TouchReboot#LEAVE_WITHIN}
	 * and be back within that and the allowance.
	 */
	private DetachResult touch(Board board, SubMonitor progress) throws DetachException {
		return follow(board, Messages.RebootToDfu_touching, () -> {
			String port = TouchReboot.touch(service.serialPorts(), board);
			long at = System.nanoTime();
			int within = (int) TouchReboot.LEAVE_WITHIN.toMillis();
			return new Sent(at, true, within, NLS.bind(Messages.RebootToDfu_touchBound, Integer.valueOf(within)),
					OptionalLong.of(at + TouchReboot.LEAVE_WITHIN.toNanos()),
					NLS.bind(Messages.RebootToDfu_touchIgnored, new Object[] { name(board), Integer.valueOf(within), port }));
		}, progress);
	}

	/**
	 * What sending the board to DFU mode leaves to follow: when it was sent, whether it detaches itself, the timeout
	 * its return is bounded by (with the allowance) and that in words, by when it must have left (empty when it left at
	 * once), and what a board that never left is told.
	 */
	private record Sent(long at, boolean willDetach, int timeoutMs, String bound, OptionalLong leaveBy, String didNotLeave) {
	}

	/** Sends the board to DFU mode. */
	@FunctionalInterface
	private interface Sender {
		Sent send() throws DetachException;
	}

	/** Sends the board (a DETACH, a touch) and follows it into DFU mode; it keeps its row while it is off the bus. */
	private DetachResult follow(Board board, String activity, Sender sender, SubMonitor progress) throws DetachException {
		long start = System.nanoTime();
		// If it is not back by the end of the wait, it loses its row.
		try (BoardWatch watch = new BoardWatch(service, board.id());
				Reenumeration expected = service.registry().expectReenumeration(board.id())) {
			progress.subTask(activity);
			Sent sent = sender.send();
			progress.worked(20);
			progress.subTask(Messages.RebootToDfu_waiting);
			Board now = awaitDfuMode(watch, board, sent, progress);
			progress.worked(80);
			return new DetachResult(now, Duration.ofNanos(sent.at() - start), Duration.ofNanos(System.nanoTime() - start));
		} catch (CancelledException e) {
			throw new DetachException(Reason.CANCELLED, NLS.bind(Messages.RebootToDfu_cancelled, name(board)), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new DetachException(Reason.CANCELLED, NLS.bind(Messages.RebootToDfu_cancelled, name(board)), e);
		}
	}

	/**
	 * Follows the board off the bus and back in DFU mode: it must leave by {@code sent.leaveBy()} and be back within its
	 * timeout and the allowance from when it was sent.
	 */
	private Board awaitDfuMode(BoardWatch watch, Board board, Sent sent, IProgressMonitor progress)
			throws DetachException, CancelledException, InterruptedException {
		Predicate<BoardEvent> back = BoardEvent.backAsNewDevice(board.device().location().deviceKey());
		long deadline = sent.at() + Duration.ofMillis(sent.timeoutMs()).plus(allowance).toNanos();
		BoardEvent first = watch.await(back.or(BoardEvent.gone()), Math.min(deadline, sent.leaveBy().orElse(deadline)),
				progress);
		if (first == null && !sent.willDetach()) {
			// The reset did not make it re-enumerate: it is on the bus as before, in run-time mode.
			throw new DetachException(Reason.RETURNED_IN_RUNTIME, NLS.bind(Messages.RebootToDfu_backInRuntime, name(board)));
		}
		if (first == null) {
			throw new DetachException(Reason.DID_NOT_LEAVE, sent.didNotLeave());
		}
		BoardEvent returned = back.test(first) ? first : watch.await(back, deadline, progress);
		if (returned == null) {
			throw new DetachException(Reason.DID_NOT_RETURN, NLS.bind(Messages.RebootToDfu_didNotReturn, new Object[] {
					name(board), Long.valueOf(millis(deadline - sent.at())), sent.bound(), Long.valueOf(allowance.toMillis()) }));
		}
		if (!returned.board().mode().isDfuMode()) {
			throw new DetachException(Reason.RETURNED_IN_RUNTIME, NLS.bind(Messages.RebootToDfu_backInRuntime, name(board)));
		}
		return returned.board();
	}

	/** Sends the detach; returns whether the device left the bus at once. */
	private boolean send(Board board, DfuInterface dfu, int timeout, boolean reset) throws DetachException {
		boolean selectAltZero = dfu.interfaceNumber() > 0 || dfu.altSettings().size() > 1;
		DetachRequest request = new DetachRequest(board.device().location(), dfu.interfaceNumber(), selectAltZero, timeout,
				reset);
		try (UsbConnection connection = DeviceOpening.open(service, request.location(), Messages.Detach_vanished)) {
			return DfuDetacher.detach(connection, request);
		} catch (UsbException e) {
			throw failure(board, e);
		}
	}

	private DetachException failure(Board board, UsbException e) {
		if (e.kind() == Kind.NOT_SUPPORTED && service.onWindows()) {
			return new DetachException(Reason.USB_ERROR, NLS.bind(Messages.RebootToDfu_winUsb, name(board)), e);
		}
		return new DetachException(reasonOf(e), NLS.bind(Messages.RebootToDfu_failed, name(board), e.getMessage()), e);
	}

	private static Reason reasonOf(UsbException e) {
		return switch (e.kind()) {
		case ACCESS_DENIED -> Reason.ACCESS_DENIED;
		case STALL -> Reason.DETACH_STALLED;
		case NO_DEVICE -> Reason.VANISHED_BEFORE_DETACH;
		default -> Reason.USB_ERROR;
		};
	}

	private static String name(Board board) {
		return board.label();
	}

	private static long millis(long nanos) {
		return Duration.ofNanos(nanos).toMillis();
	}
}
