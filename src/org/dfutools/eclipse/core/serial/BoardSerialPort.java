package org.dfutools.eclipse.core.serial;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.DfuDeviceRecord;

/**
 * Which of the system's serial ports belongs to a board: the one on the board's USB port, as dfu-util's {@code -p}
 * names it; else (a system whose locations are in another form) the one with the board's VID:PID and serial number. A board
 * with two serial functions (a debug probe's GDB port and its UART) has its first, in the system's order of names.
 */
public final class BoardSerialPort {

	private BoardSerialPort() {
	}

	public static Optional<SerialPortInfo> of(DfuDeviceRecord device, List<SerialPortInfo> ports) {
		String location = device.location().portPath();
		Comparator<SerialPortInfo> byName = Comparator.comparing(SerialPortInfo::systemPath);
		Optional<SerialPortInfo> atLocation = ports.stream().filter(port -> port.location().equals(location))
				.min(byName);
		if (atLocation.isPresent()) {
			return atLocation;
		}
		return ports.stream().filter(port -> port.vid() == device.id().vendorId() && port.pid() == device.id().productId())
				.filter(port -> !device.serial().isEmpty() && port.serial().equals(device.serial())).min(byName);
	}
}
