package org.dfutools.eclipse.testsupport;

import java.time.Duration;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.DetachException;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The request layer's reboot ({@link RebootToDfu}) on a board held as the operation that runs it holds it: for tests
 * of the requests themselves, their reasons and timing, without the operation around them.
 */
public final class HeldReboot {

	private final DfuDeviceService service;
	private final RebootToDfu reboot;

	public HeldReboot(DfuDeviceService service, Duration allowance) {
		this.service = service;
		this.reboot = new RebootToDfu(service, allowance);
	}

	/** Reboots the board, holding it meanwhile; fails the test when another operation holds it. */
	public DetachResult run(Board board, IProgressMonitor monitor) throws DetachException {
		return service.busyBoards().whileHolding(board.id(), "Reboot to DFU (test)", "Detaching...", //$NON-NLS-1$ //$NON-NLS-2$
				held -> reboot.runWithin(held, board, monitor), HeldReboot::busy);
	}

	private static DetachException busy(String holder) {
		throw new AssertionError("the board is held by " + holder); //$NON-NLS-1$
	}
}
