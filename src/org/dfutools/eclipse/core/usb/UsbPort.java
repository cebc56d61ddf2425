package org.dfutools.eclipse.core.usb;

import org.dfutools.eclipse.core.device.DeviceSink;
import org.dfutools.eclipse.core.device.UsbLocation;

/**
 * What the core needs of a USB library: the devices with a DFU interface, attached now and as they come and
 * go, and a device opened for one operation. The libusb adapter is one; tests have a fake one. Errors are
 * {@link UsbException}s of neutral kinds, never a library's codes.
 */
public interface UsbPort extends AutoCloseable {

	/** Opens a port: starts the library. Fails with a readable message when it cannot be used here. */
	@FunctionalInterface
	interface Factory {
		UsbPort open() throws UsbException;
	}

	/**
	 * Reports every device with a DFU interface that is attached now, then every arrival and departure, to
	 * the sink, in the order the bus saw them, on a thread of the port's. Sets the sink's status to LISTING
	 * once the attached devices are in.
	 *
	 * @param useHotplug false to rescan periodically even where the library has hotplug events
	 */
	void start(DeviceSink sink, boolean useHotplug);

	/**
	 * Whether arrivals and departures reach the sink as they happen. When not (libusb on Windows, or a failed
	 * event loop), only a {@link #rescan()} sees them: a few seconds apart unless someone waiting asks for one.
	 */
	boolean followsHotplug();

	/** Whether this is Windows: a reset does not make a device re-enumerate there, and DFU needs WinUSB. */
	boolean onWindows();

	/** Compares the bus with what the sink holds: reads newcomers, reports departures. In the background. */
	void rescan();

	/** Like {@link #rescan()}, and reads the known devices again too (their access may have changed). */
	void refresh();

	/** Opens the device at this location now; {@link UsbException.Kind#NO_DEVICE} when none is there. */
	UsbConnection open(UsbLocation location) throws UsbException;

	/** Stops the port's threads and frees the library; nothing may use the port afterwards. */
	@Override
	void close();
}
