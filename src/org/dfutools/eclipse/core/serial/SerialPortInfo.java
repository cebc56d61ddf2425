package org.dfutools.eclipse.core.serial;

/**
 * One serial port the system lists now.
 *
 * @param systemPath what opens it: {@code /dev/ttyACM0}, {@code COM5}, {@code /dev/cu.usbmodem14101}
 * @param location   the USB bus and ports it hangs off, in dfu-util's {@code -p} form ({@code 1-2}, {@code 1-1.4});
 *                   empty for a port that is not on USB or whose location the system does not tell
 * @param vid        the USB vendor ID, or -1 when not on USB
 * @param pid        the USB product ID, or -1 when not on USB
 * @param serial     the USB device's serial number, empty when it has none
 * @param interfaceName the name of the port's USB function, as the system knows it (may be empty)
 */
public record SerialPortInfo(String systemPath, String location, int vid, int pid, String serial, String interfaceName) {

	public SerialPortInfo {
		location = location == null ? "" : location; //$NON-NLS-1$
		serial = serial == null ? "" : serial; //$NON-NLS-1$
		interfaceName = interfaceName == null ? "" : interfaceName; //$NON-NLS-1$
	}
}
