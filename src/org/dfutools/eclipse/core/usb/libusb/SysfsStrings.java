package org.dfutools.eclipse.core.usb.libusb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbLocation;

/**
 * The strings Linux read from a device when it enumerated it, as sysfs keeps them for every user
 * ({@code /sys/bus/usb/devices/1-2/product}, an interface's {@code 1-2:1.0/interface}): what a reader need not
 * ask the device for again, and the names of a board this user may not open. Knows nothing elsewhere, nor when
 * the entry at the port belongs to another enumeration than the device's (it was replaced meanwhile).
 */
final class SysfsStrings {

	private static final Path DEVICES = Path.of("/sys/bus/usb/devices"); //$NON-NLS-1$
	/** A string descriptor holds at most 126 characters; more is not a name. */
	private static final int MAX_LENGTH = 256;
	private static final SysfsStrings NONE = new SysfsStrings(null);

	/** The device's entry, or null when there is none to trust. */
	private final Path entry;

	private SysfsStrings(Path entry) {
		this.entry = entry;
	}

	/** The strings sysfs holds for the device at this location, this enumeration of it. */
	static SysfsStrings of(UsbLocation location) {
		if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				|| !UsbLocation.hasPorts(location.portPath())) {
			return NONE;
		}
		Path entry = DEVICES.resolve(location.portPath());
		boolean same = attribute(entry, "busnum").equals(Optional.of(Integer.toString(location.bus()))) //$NON-NLS-1$
				&& attribute(entry, "devnum").equals(Optional.of(Integer.toString(location.address()))); //$NON-NLS-1$
		return same ? new SysfsStrings(entry) : NONE;
	}

	/** The device's {@code manufacturer}, {@code product} or {@code serial}, if the kernel read it. */
	Optional<String> device(String attribute) {
		return entry == null ? Optional.empty() : attribute(entry, attribute).map(SysfsStrings::asLibUsbReadsIt);
	}

	/** The alt setting the kernel shows for an interface now (the one selected last), with its name if it read one. */
	record ShownAlt(int alternateSetting, Optional<String> name) {
	}

	/** Which alt setting of this DFU interface of the present configuration sysfs shows, and its name. */
	Optional<ShownAlt> shownAlt(DfuInterface dfu) {
		if (entry == null) {
			return Optional.empty();
		}
		int configuration = attribute(entry, "bConfigurationValue").map(SysfsStrings::decimal).orElse(-1).intValue(); //$NON-NLS-1$
		Path intf = entry.resolveSibling(entry.getFileName() + ":" + configuration + '.' + dfu.interfaceNumber()); //$NON-NLS-1$
		if (hex(intf, "bInterfaceClass") != 0xFE || hex(intf, "bInterfaceSubClass") != 0x01 //$NON-NLS-1$ //$NON-NLS-2$
				|| hex(intf, "bInterfaceProtocol") != dfu.protocol()) { //$NON-NLS-1$
			return Optional.empty(); // not this interface: another configuration's, or none
		}
		return attribute(intf, "bAlternateSetting").map(SysfsStrings::decimal).filter(alt -> alt.intValue() >= 0) //$NON-NLS-1$
				.map(alt -> new ShownAlt(alt.intValue(), attribute(intf, "interface").map(SysfsStrings::asLibUsbReadsIt))); //$NON-NLS-1$
	}

	private static int hex(Path folder, String name) {
		try {
			return attribute(folder, name).map(text -> Integer.valueOf(text, 16)).orElse(-1).intValue();
		} catch (NumberFormatException e) {
			return -1;
		}
	}

	private static Integer decimal(String text) {
		try {
			return Integer.valueOf(text);
		} catch (NumberFormatException e) {
			return Integer.valueOf(-1);
		}
	}

	/** One attribute: the kernel's text without the line end it adds (and, for numbers, its padding). */
	private static Optional<String> attribute(Path folder, String name) {
		try {
			byte[] bytes = Files.readAllBytes(folder.resolve(name));
			String text = new String(bytes, 0, Math.min(bytes.length, MAX_LENGTH), StandardCharsets.UTF_8);
			text = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text; //$NON-NLS-1$
			return Optional.of(name.startsWith("b") || name.endsWith("num") ? text.strip() : text); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IOException | SecurityException e) {
			return Optional.empty(); // not there (no such string), or not readable
		}
	}

	/** As libusb's ASCII reader gives a string (what dfu-util matches a serial against): '?' for any other. */
	private static String asLibUsbReadsIt(String text) {
		StringBuilder ascii = new StringBuilder(text.length());
		for (int index = 0; index < text.length(); index++) {
			char c = text.charAt(index);
			ascii.append(c >= 0x80 ? '?' : c);
		}
		return DfuDeviceRecord.printable(ascii.toString());
	}
}
