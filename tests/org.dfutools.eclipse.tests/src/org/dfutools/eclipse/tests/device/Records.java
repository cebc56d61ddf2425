package org.dfutools.eclipse.tests.device;

import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.device.UsbLocation;

/** Device records for logic tests, as the USB backend would report them. */
public final class Records {

	private Records() {
	}

	static DfuDeviceRecord runtime(String portPath, int address, int pid, String serial, DeviceProblem... problems) {
		DfuInterface dfu = new DfuInterface(0, 1, List.of(new AltSetting(0, 0, null)),
				Optional.of(new FunctionalDescriptor(9, 0x07, 1000, 2048, 0x0110)), List.of());
		return new DfuDeviceRecord(location(portPath, address), new UsbId(0x1209, pid), 0x0100, "Maker", "Board", serial,
				DeviceMode.RUNTIME, List.of(dfu), List.of(problems));
	}

	static DfuDeviceRecord dfuMode(String portPath, int address, int pid, String serial) {
		DfuInterface dfu = new DfuInterface(0, 2, List.of(new AltSetting(0, 4, "Flash"), new AltSetting(1, 5, "EEPROM")),
				Optional.of(new FunctionalDescriptor(9, 0x0b, 255, 1024, 0x0110)), List.of());
		return new DfuDeviceRecord(location(portPath, address), new UsbId(0x1209, pid), 0x0200, "Maker", "Bootloader",
				serial, DeviceMode.DFU, List.of(dfu), List.of());
	}

	/** A board seen in one mode only, with that mode's ID. */
	public static Board board(String portPath, DeviceMode mode, UsbId id, String serial) {
		DfuDeviceRecord record = mode == DeviceMode.RUNTIME ? runtime(portPath, 2, id.productId(), serial)
				: dfuMode(portPath, 3, id.productId(), serial);
		return new Board(portPath, record, mode == DeviceMode.RUNTIME ? Optional.of(record) : Optional.empty(),
				mode == DeviceMode.RUNTIME ? Optional.empty() : Optional.of(record), false);
	}

	static UsbLocation location(String portPath, int address) {
		int dash = portPath.indexOf('-');
		return new UsbLocation(Integer.parseInt(dash < 0 ? portPath : portPath.substring(0, dash)), portPath, address);
	}
}
