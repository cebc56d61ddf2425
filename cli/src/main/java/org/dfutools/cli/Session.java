package org.dfutools.cli;

import java.util.List;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.TouchBoards;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationPreferences;
import org.dfutools.eclipse.core.operation.UsbListing;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The core as one command (or the service) uses it: USB through libusb, following the bus by its hotplug events, and
 * dfu-util's versions; what the IDE makes once by Declarative Services. Closed when the command ends.
 */
public final class Session implements AutoCloseable {

	private final DfuDeviceService service = new DfuDeviceService(true);
	private final DfuUtilVersions versions = new DfuUtilVersions(new ArchiveDfuUtil());
	private final OperationPreferences preferences;

	public Session(OperationPreferences preferences, TouchBoards touchBoards) {
		this.preferences = preferences;
		service.registryWithoutStarting().touchBoards(touchBoards);
	}

	public DfuDeviceService service() {
		return service;
	}

	public DfuUtilVersions versions() {
		return versions;
	}

	public OperationPreferences preferences() {
		return preferences;
	}

	/** The registry once USB lists the attached boards. */
	public DeviceRegistry registry(IProgressMonitor monitor) throws OperationException {
		return UsbListing.await(service, monitor);
	}

	/** The boards attached now. */
	public List<Board> boards(IProgressMonitor monitor) throws OperationException {
		return registry(monitor).boards();
	}

	@Override
	public void close() {
		service.close();
	}
}
