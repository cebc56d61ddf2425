package org.dfutools.eclipse.core.device;

import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;

/**
 * One attached USB device with at least one DFU interface, or a board that enters DFU mode by the 1200-baud touch
 * (then with none: {@link #entersDfuByTouch()}), as read at one moment. Immutable: a board
 * that re-enumerates is a new record. Strings are empty when the device has none or could not be read
 * (see {@link #problems()}).
 *
 * @param serialPort the device has a CDC ACM function, which the system makes a serial port of
 */
public record DfuDeviceRecord(UsbLocation location, UsbId id, int bcdDevice, String manufacturer, String product,
		String serial, DeviceMode mode, List<DfuInterface> dfuInterfaces, List<DeviceProblem> problems,
		boolean serialPort) {

	/** A device without a serial port. */
	public DfuDeviceRecord(UsbLocation location, UsbId id, int bcdDevice, String manufacturer, String product,
			String serial, DeviceMode mode, List<DfuInterface> dfuInterfaces, List<DeviceProblem> problems) {
		this(location, id, bcdDevice, manufacturer, product, serial, mode, dfuInterfaces, problems, false);
	}

	public DfuDeviceRecord {
		manufacturer = printable(manufacturer);
		product = printable(product);
		serial = printable(serial);
		dfuInterfaces = List.copyOf(dfuInterfaces);
		problems = List.copyOf(problems);
	}

	/**
	 * A device's string as it may be shown and pasted: control characters become '?' (as libusb does
	 * for non-ASCII), so that a newline in a product name cannot become a line of its own in a udev rule
	 * that the user runs as root.
	 */
	public static String printable(String deviceString) {
		return deviceString == null ? "" : deviceString.replaceAll("\\p{Cntrl}", "?"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** The mode its DFU interfaces put it in: DFU mode wins when both kinds are present. */
	public static DeviceMode modeOf(List<DfuInterface> interfaces) {
		for (DfuInterface dfu : interfaces) {
			if (dfu.isDfuMode()) {
				boolean dfuSe = dfu.functional().map(FunctionalDescriptor::isDfuSe).orElse(false);
				return dfuSe ? DeviceMode.DFUSE : DeviceMode.DFU;
			}
		}
		return DeviceMode.RUNTIME;
	}

	/** The interface that DFU requests go to: the first one of the mode the device is in. */
	public Optional<DfuInterface> primaryInterface() {
		return dfuInterfaces.stream().filter(dfu -> dfu.isDfuMode() == mode.isDfuMode()).findFirst()
				.or(() -> dfuInterfaces.stream().findFirst());
	}

	/** The functional descriptor of the primary interface, when it has one. */
	public Optional<FunctionalDescriptor> functional() {
		return primaryInterface().flatMap(DfuInterface::functional);
	}

	/** A board without a DFU interface, listed because it enters DFU mode by the 1200-baud touch on its serial port. */
	public boolean entersDfuByTouch() {
		return dfuInterfaces.isEmpty() && serialPort;
	}

	/** The mode in words, saying how a board without a DFU interface gets into DFU mode. */
	public String modeLabel() {
		return entersDfuByTouch() ? Messages.DfuDeviceRecord_runtimeByTouch : mode.label();
	}

	public boolean hasProblem(DeviceProblem.Kind kind) {
		return problems.stream().anyMatch(problem -> problem.kind() == kind);
	}

	/** What to call the device: its product string, else its IDs. */
	public String displayName() {
		return product.isEmpty() ? id.toString() : product;
	}
}
