package org.dfutools.eclipse.core.device;

/** Where the USB backend reports what it reads: boards (devices with a DFU interface, touch boards) arriving, devices leaving. */
public interface DeviceSink {

	void deviceArrived(DfuDeviceRecord device);

	void deviceLeft(UsbLocation location);

	/** The locations the sink believes attached, for a rescan to compare with the bus. */
	java.util.List<UsbLocation> attachedLocations();

	void setUsbStatus(UsbStatus status);

	/**
	 * Whether a device with this ID is a board even without a DFU interface: one that enters DFU mode by the 1200-baud
	 * touch on its serial port (see {@link TouchBoards}).
	 */
	default boolean entersDfuByTouch(UsbId id) {
		return false;
	}
}
