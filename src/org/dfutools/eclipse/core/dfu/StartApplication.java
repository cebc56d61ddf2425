package org.dfutools.eclipse.core.dfu;

import java.time.Duration;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.dfu.BoardWatch.CancelledException;
import org.dfutools.eclipse.core.dfu.StartApplicationException.Reason;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.dfutools.eclipse.core.usb.UsbException.Kind;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.core.device.Reenumeration;

/**
 * Starts the application of a board in DFU mode and follows it back to run-time mode: the way back for a
 * board left in its bootloader (a cancelled or failed flash, a board that was in its bootloader). DfuSe
 * bootloaders are told to leave; plain DFU bootloaders get DFU_DETACH and a USB reset (see the USB
 * adapter). The board must leave the bus within the re-enumeration allowance, or it stayed in its
 * bootloader (no valid application), and come back within the application timeout.
 */
public final class StartApplication {

	private final DfuDeviceService service;
	private final Duration allowance;
	private final Duration applicationTimeout;

	public StartApplication(DfuDeviceService service, Duration allowance, Duration applicationTimeout) {
		this.service = service;
		this.allowance = allowance;
		this.applicationTimeout = applicationTimeout;
	}

	/** The board as it came back in run-time mode, and how long that took from the start. */
	public record Result(Board board, Duration back) {
	}

	/** Starts the application as a step of the operation that holds the board (Start Application, a flash). */
	public Result runWithin(BusyBoards.Claim held, Board board, IProgressMonitor monitor) throws StartApplicationException {
		held.requireHolds(board.id());
		return start(board, monitor);
	}

	private Result start(Board board, IProgressMonitor monitor) throws StartApplicationException {
		String name = board.label();
		SubMonitor progress = SubMonitor.convert(monitor, NLS.bind(Messages.StartApplication_task, name), 100);
		if (!board.mode().isDfuMode() || !board.attached()) {
			throw new StartApplicationException(Reason.NOT_IN_DFU_MODE, NLS.bind(Messages.StartApplication_notInDfu, name));
		}
		DfuInterface dfu = board.device().primaryInterface().orElseThrow();
		boolean dfuSe = dfu.functional().map(FunctionalDescriptor::isDfuSe).orElse(false);
		boolean willDetach = dfu.functional().map(FunctionalDescriptor::willDetach).orElse(false);
		long start = System.nanoTime();
		try (BoardWatch watch = new BoardWatch(service, board.id());
				Reenumeration expected = service.registry().expectReenumeration(board.id())) {
			progress.subTask(Messages.StartApplication_leaving);
			boolean selectAltZero = dfu.interfaceNumber() > 0 || dfu.altSettings().size() > 1;
			if (leave(new LeaveRequest(board.device().location(), dfu.interfaceNumber(), selectAltZero, dfuSe, willDetach))) {
				throw new StartApplicationException(Reason.STAYED_IN_DFU_MODE, NLS.bind(Messages.StartApplication_noFirmware, name));
			}
			progress.worked(20);
			progress.subTask(Messages.StartApplication_waiting);
			Board back = awaitApplication(watch, board, progress);
			progress.worked(80);
			return new Result(back, Duration.ofNanos(System.nanoTime() - start));
		} catch (UsbException e) {
			throw new StartApplicationException(e.kind() == Kind.ACCESS_DENIED ? Reason.ACCESS_DENIED : Reason.USB_ERROR,
					NLS.bind(Messages.StartApplication_failed, name, e.getMessage()), e);
		} catch (CancelledException e) {
			throw new StartApplicationException(Reason.CANCELLED, NLS.bind(Messages.StartApplication_cancelled, name), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new StartApplicationException(Reason.CANCELLED, NLS.bind(Messages.StartApplication_cancelled, name), e);
		}
	}

	/**
	 * Follows the board off the bus within the allowance (else it stayed in its bootloader), and back in run-time mode
	 * within the application timeout.
	 */
	private Board awaitApplication(BoardWatch watch, Board board, IProgressMonitor progress)
			throws StartApplicationException, CancelledException, InterruptedException {
		String name = board.label();
		Predicate<BoardEvent> back = BoardEvent.backAsNewDevice(board.device().location().deviceKey());
		BoardEvent first = watch.await(back.or(BoardEvent.gone()), System.nanoTime() + allowance.toNanos(), progress);
		if (first == null) {
			throw new StartApplicationException(Reason.STAYED_IN_DFU_MODE, NLS.bind(Messages.StartApplication_stayed, name));
		}
		BoardEvent returned = back.test(first) ? first
				: watch.await(back, System.nanoTime() + applicationTimeout.toNanos(), progress);
		if (returned == null) {
			throw new StartApplicationException(Reason.DID_NOT_RETURN, NLS.bind(Messages.StartApplication_didNotReturn,
					name, Long.valueOf(applicationTimeout.toSeconds())));
		}
		if (returned.board().mode().isDfuMode()) {
			throw new StartApplicationException(Reason.STAYED_IN_DFU_MODE, NLS.bind(Messages.StartApplication_stayed, name));
		}
		return returned.board();
	}

	/** Tells the bootloader to leave; whether it said it has no application to start (errFIRMWARE). */
	private boolean leave(LeaveRequest request) throws UsbException {
		try (UsbConnection connection = DeviceOpening.open(service, request.location(), Messages.Leave_vanished)) {
			return DfuLeaver.leave(connection, request);
		}
	}
}
