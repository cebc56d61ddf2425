package org.dfutools.eclipse.core.device;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.osgi.util.NLS;

/**
 * The boards that have no DFU run-time interface and enter their DFU bootloader by the 1200-baud touch (their serial
 * port opened at 1200 baud, then closed), by the VID:PID of their application. Such a board is listed as a board
 * running its application; Reboot to DFU and a flash use the touch where others send DFU_DETACH.
 *
 * @param ids the run-time VID:PIDs
 */
public record TouchBoards(Set<UsbId> ids) {

	/**
	 * The Arduino Mbed boards that ArduinoCore-mbed's boards.txt flashes with dfu-util after the touch
	 * ({@code upload.tool=dfu-util}, {@code use_1200bps_touch=true}): the Portenta H7 (its M7 core's IDs and its M4
	 * core's), the Nicla Vision and the Opta (under both of its vendor IDs).
	 */
	public static final List<UsbId> ARDUINO_MBED = List.of(new UsbId(0x2341, 0x025b), new UsbId(0x2341, 0x045b),
			new UsbId(0x2341, 0x055b), new UsbId(0x2341, 0x005b), new UsbId(0x2341, 0x025f), new UsbId(0x2341, 0x045f),
			new UsbId(0x2341, 0x055f), new UsbId(0x2341, 0x0064), new UsbId(0x2341, 0x0164), new UsbId(0x2341, 0x0264),
			new UsbId(0x35d1, 0x0064), new UsbId(0x35d1, 0x0164), new UsbId(0x35d1, 0x0264));

	private static final Pattern ID = Pattern.compile("(?:0x)?([0-9a-f]{1,4}):(?:0x)?([0-9a-f]{1,4})"); //$NON-NLS-1$

	public TouchBoards {
		ids = Set.copyOf(ids);
	}

	/** The built-in boards only. */
	public static TouchBoards builtIn() {
		return new TouchBoards(Set.copyOf(ARDUINO_MBED));
	}

	/** The built-in boards and those of a list such as {@code "1209:0022, 2341:0266"}. */
	public static TouchBoards withListed(String listed) throws IllegalArgumentException {
		Set<UsbId> all = new LinkedHashSet<>(ARDUINO_MBED);
		all.addAll(parse(listed));
		return new TouchBoards(all);
	}

	/**
	 * The IDs of a list separated by commas or spaces, each {@code VID:PID} in hexadecimal.
	 *
	 * @throws IllegalArgumentException naming the first entry that is not one
	 */
	public static List<UsbId> parse(String listed) {
		Set<UsbId> ids = new LinkedHashSet<>();
		for (String entry : listed.trim().split("[,\\s]+")) { //$NON-NLS-1$
			if (entry.isEmpty()) {
				continue;
			}
			Matcher id = ID.matcher(entry.toLowerCase(Locale.ROOT));
			if (!id.matches()) {
				throw new IllegalArgumentException(NLS.bind(Messages.TouchBoards_notAnId, entry));
			}
			ids.add(new UsbId(Integer.parseInt(id.group(1), 16), Integer.parseInt(id.group(2), 16)));
		}
		return List.copyOf(ids);
	}

	public boolean contains(UsbId id) {
		return ids.contains(id);
	}
}
