package org.dfutools.eclipse.core.usb.libusb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbLocation;

/**
 * A device's strings as Linux keeps them in sysfs ({@code /sys/bus/usb/devices/1-2/product}), readable by
 * every user: the names of a board this user may not open. Empty elsewhere, and where sysfs has none.
 */
final class SysfsStrings {

	private static final Path DEVICES = Path.of("/sys/bus/usb/devices"); //$NON-NLS-1$
	/** A string descriptor holds at most 126 characters; more is not a name. */
	private static final int MAX_LENGTH = 256;

	private SysfsStrings() {
	}

	/** The attribute ({@code manufacturer}, {@code product}, {@code serial}) of the device at this port, or "". */
	static String read(UsbLocation location, String attribute) {
		if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				|| !UsbLocation.hasPorts(location.portPath())) {
			return ""; //$NON-NLS-1$
		}
		Path file = DEVICES.resolve(location.portPath()).resolve(attribute);
		try {
			byte[] bytes = Files.readAllBytes(file);
			String text = new String(bytes, 0, Math.min(bytes.length, MAX_LENGTH), StandardCharsets.UTF_8).strip();
			return DfuDeviceRecord.printable(text);
		} catch (IOException | SecurityException e) {
			return ""; // not there (no such string), or not readable: the IDs name the board then
		}
	}
}
