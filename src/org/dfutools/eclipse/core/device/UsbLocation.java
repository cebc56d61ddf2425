package org.dfutools.eclipse.core.device;

/**
 * Where a device sits: its bus, the chain of hub ports leading to it, and the address it has now.
 * The port path stays the same when a board re-enumerates; the address does not.
 *
 * @param portPath dfu-util's {@code -p} form: bus, dash, ports joined by dots ({@code 1-1.2}); just the
 *                 bus number for a root hub
 */
public record UsbLocation(int bus, String portPath, int address) {

	/** Builds the location from the bus number and the port numbers libusb reports. */
	public static UsbLocation of(int bus, int[] ports, int address) {
		StringBuilder path = new StringBuilder().append(bus);
		for (int index = 0; index < ports.length; index++) {
			path.append(index == 0 ? '-' : '.').append(ports[index]);
		}
		return new UsbLocation(bus, path.toString(), address);
	}

	/** Whether a port path names ports, not just the bus (some platforms cannot tell the ports). */
	public static boolean hasPorts(String portPath) {
		return portPath.indexOf('-') > 0;
	}

	/** Identifies the device while it stays attached: bus and address are unique at any one time. */
	public String deviceKey() {
		return bus + ":" + address; //$NON-NLS-1$
	}
}
