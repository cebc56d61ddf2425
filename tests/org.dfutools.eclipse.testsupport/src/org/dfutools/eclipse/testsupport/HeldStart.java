package org.dfutools.eclipse.testsupport;

import java.time.Duration;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.StartApplication;
import org.dfutools.eclipse.core.dfu.StartApplicationException;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The request layer's Start Application ({@link StartApplication}) on a board held as the operation that runs it holds
 * it: for tests of the requests themselves, their reasons and timing, without the operation around them.
 */
public final class HeldStart {

	private final DfuDeviceService service;
	private final StartApplication start;

	public HeldStart(DfuDeviceService service, Duration allowance, Duration applicationTimeout) {
		this.service = service;
		this.start = new StartApplication(service, allowance, applicationTimeout);
	}

	/** Starts the board's application, holding it meanwhile; fails the test when another operation holds it. */
	public StartApplication.Result run(Board board, IProgressMonitor monitor) throws StartApplicationException {
		return service.busyBoards().whileHolding(board.id(), "Start Application (test)", "Starting the application...", //$NON-NLS-1$ //$NON-NLS-2$
				held -> start.runWithin(held, board, monitor), HeldStart::busy);
	}

	private static StartApplicationException busy(String holder) {
		throw new AssertionError("the board is held by " + holder); //$NON-NLS-1$
	}
}
