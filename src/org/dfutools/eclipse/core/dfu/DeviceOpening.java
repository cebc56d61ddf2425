package org.dfutools.eclipse.core.dfu;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.UsbLocation;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.dfutools.eclipse.core.usb.UsbException.Kind;

/** How an operation opens the device it talks to. */
final class DeviceOpening {

	private DeviceOpening() {
	}

	/**
	 * The device at this location, opened through the service; a device that is gone already fails with
	 * {@code vanished}, which says what the operation could not do.
	 */
	static UsbConnection open(DfuDeviceService service, UsbLocation location, String vanished) throws UsbException {
		try {
			return service.open(location);
		} catch (UsbException e) {
			throw e.kind() == Kind.NO_DEVICE ? new UsbException(Kind.NO_DEVICE, vanished, e) : e;
		}
	}
}
