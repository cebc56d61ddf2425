package org.dfutools.eclipse.core.operation;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.dfuutil.DfuUtilSlots;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * An operation on a board whose own steps run dfu-util (a flash, a save): dfu-util is found and its files read before
 * the board list is, so that neither a missing tool nor a bad file ever touches the board.
 *
 * @param <R> what the operation reports when it is done
 */
public abstract class DfuUtilOperation<R> extends BoardOperation<R> {

	protected final DfuUtilStep dfuUtil;

	/** @param slots the turns dfu-util runs take, shared by the boards of one flash of several */
	protected DfuUtilOperation(DfuDeviceService service, DfuUtilVersions versions, OperationPreferences preferences,
			DfuUtilConsole console, DfuUtilSlots slots, Texts texts) {
		super(service, preferences, console, texts);
		this.dfuUtil = new DfuUtilStep(versions, preferences, this.console, slots, whereabouts);
	}

	@Override
	protected final void prepare(IProgressMonitor monitor) throws OperationException {
		dfuUtil.locate(monitor);
		try {
			readInputs();
		} catch (OperationException e) {
			throw e.stoppedAt(OperationException.StoppedAt.INPUT);
		}
	}

	/** The files the operation reads, read once dfu-util is found (a flash's firmware). */
	protected void readInputs() throws OperationException {
		// nothing by default
	}
}
