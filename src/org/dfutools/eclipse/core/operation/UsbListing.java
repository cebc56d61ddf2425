package org.dfutools.eclipse.core.operation;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.core.device.UsbStart;

/** The boards attached now, as an operation's first step: USB may be starting when the operation is its first user. */
public final class UsbListing {

	private UsbListing() {
	}

	/** The registry once it lists the attached boards. */
	public static DeviceRegistry await(DfuDeviceService service, IProgressMonitor monitor) throws OperationException {
		DeviceRegistry registry = service.registry();
		UsbStatus status;
		try {
			status = UsbStart.await(registry, DeviceRegistry.START_LIMIT, monitor);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw OperationException.cancelled(Messages.BoardOperation_cancelledBeforeBoard);
		}
		if (monitor.isCanceled()) {
			throw OperationException.cancelled(Messages.BoardOperation_cancelledBeforeBoard);
		}
		if (status.state() != UsbStatus.State.LISTING) {
			throw new OperationException(NLS.bind(Messages.UsbListing_noUsb,
					status.failure().isEmpty() ? Messages.UsbListing_starting : status.failure()));
		}
		return registry;
	}
}
