package org.dfutools.eclipse.core.device;

/** Where the USB backend reports what it reads: devices with a DFU interface arriving, devices leaving. */
public interface DeviceSink {

	void deviceArrived(DfuDeviceRecord device);

	void deviceLeft(UsbLocation location);

	/** The locations the sink believes attached, for a rescan to compare with the bus. */
	java.util.List<UsbLocation> attachedLocations();

	void setUsbStatus(UsbStatus status);
}
