package org.dfutools.eclipse.core.usb.libusb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.ConfigurationInfo;
import org.dfutools.eclipse.core.descriptor.ConfigurationParser;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.device.DeviceProblem.Kind;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.device.UsbLocation;
import org.eclipse.osgi.util.NLS;
import org.usb4java.ConfigDescriptor;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.LibUsb;

/**
 * Reads one device into a record: descriptors first (no access rights needed), then, if the device has
 * a DFU interface or enters DFU mode by the 1200-baud touch, its strings through a short-lived handle. Whatever cannot
 * be read becomes a problem on the record; only a device that is gone or is neither gives no record.
 */
final class DeviceReader {

	private static final int MAX_PORT_DEPTH = 8;

	private DeviceReader() {
	}

	static UsbLocation locationOf(Device device) {
		ByteBuffer path = ByteBuffer.allocateDirect(MAX_PORT_DEPTH);
		int depth = Math.max(0, LibUsb.getPortNumbers(device, path));
		int[] ports = new int[depth];
		for (int index = 0; index < depth; index++) {
			ports[index] = path.get(index) & 0xFF;
		}
		return UsbLocation.of(LibUsb.getBusNumber(device) & 0xFF, ports, LibUsb.getDeviceAddress(device) & 0xFF);
	}

	static Optional<DfuDeviceRecord> read(Device device, Predicate<UsbId> entersDfuByTouch) {
		DeviceDescriptor descriptor = new DeviceDescriptor();
		if (LibUsb.getDeviceDescriptor(device, descriptor) != LibUsb.SUCCESS) {
			return Optional.empty();
		}
		List<DeviceProblem> problems = new ArrayList<>();
		List<Integer> serialInterfaces = new ArrayList<>();
		List<DfuInterface> interfaces = readDfuInterfaces(device, descriptor.bNumConfigurations() & 0xFF, problems,
				serialInterfaces);
		UsbId id = new UsbId(descriptor.idVendor() & 0xFFFF, descriptor.idProduct() & 0xFFFF);
		if (interfaces.isEmpty() && (serialInterfaces.isEmpty() || !entersDfuByTouch.test(id))) {
			return Optional.empty();
		}
		UsbLocation location = locationOf(device);
		// What the kernel read at enumeration need not be asked again: on Linux a board arrives with no request.
		SysfsStrings kernel = SysfsStrings.of(location);
		Strings strings = new Strings();
		DeviceHandle handle = new DeviceHandle();
		int opened = LibUsb.open(device, handle);
		if (opened == LibUsb.SUCCESS) {
			try {
				interfaces = readOpened(handle, descriptor, interfaces, strings, kernel);
			} finally {
				LibUsb.close(handle);
			}
			problems.addAll(strings.problems);
		} else if (opened == LibUsb.ERROR_NO_DEVICE) {
			return Optional.empty(); // it left while we read it; its "left" event follows
		} else if (opened == LibUsb.ERROR_ACCESS) {
			problems.add(new DeviceProblem(Kind.ACCESS_DENIED, Messages.DeviceReader_accessDenied));
			// The kernel read the strings at enumeration and lets everyone see them: the board keeps its names.
			strings.fromKernel(kernel);
		} else {
			problems.add(new DeviceProblem(Kind.OPEN_FAILED,
					NLS.bind(Messages.DeviceReader_openFailed, LibUsbErrors.describe(opened))));
		}
		// After the reads: what the device told makes some of what its configuration lacked no problem.
		interfaces.forEach(dfu -> problems.addAll(problemsOf(dfu)));
		return Optional.of(new DfuDeviceRecord(location, id, descriptor.bcdDevice() & 0xFFFF,
				strings.manufacturer, strings.product, strings.serial, DfuDeviceRecord.modeOf(interfaces), interfaces,
				problems, !serialInterfaces.isEmpty()));
	}

	/** The strings and alt names of an opened device: the kernel's where it read them, else asked of the device. */
	private static List<DfuInterface> readOpened(DeviceHandle handle, DeviceDescriptor descriptor, List<DfuInterface> interfaces,
			Strings strings, SysfsStrings kernel) {
		strings.manufacturer = kernel.device("manufacturer") //$NON-NLS-1$
				.orElseGet(() -> strings.read(handle, descriptor.iManufacturer(), Messages.DeviceReader_manufacturer));
		strings.product = kernel.device("product") //$NON-NLS-1$
				.orElseGet(() -> strings.read(handle, descriptor.iProduct(), Messages.DeviceReader_product));
		strings.serial = kernel.device("serial") //$NON-NLS-1$
				.orElseGet(() -> strings.read(handle, descriptor.iSerialNumber(), Messages.DeviceReader_serial));
		return withFunctionalAskedFor(withAltNames(interfaces, handle, strings, kernel), handle);
	}

	/** What is wrong with the interface's descriptors, as problems of the device. */
	private static List<DeviceProblem> problemsOf(DfuInterface dfu) {
		List<DeviceProblem> problems = new ArrayList<>();
		for (String problem : dfu.problems()) {
			problems.add(new DeviceProblem(Kind.MALFORMED_DESCRIPTOR, problem));
		}
		if (dfu.functional().isEmpty()) {
			problems.add(new DeviceProblem(Kind.NO_FUNCTIONAL_DESCRIPTOR,
					NLS.bind(Messages.DeviceReader_noFunctional, Integer.valueOf(dfu.interfaceNumber()))));
		}
		return problems;
	}

	/** The DFU interfaces of every configuration; their problems and CDC ACM interfaces go to the lists given. */
	private static List<DfuInterface> readDfuInterfaces(Device device, int configurations, List<DeviceProblem> problems,
			List<Integer> serialInterfaces) {
		List<DfuInterface> interfaces = new ArrayList<>();
		for (int index = 0; index < configurations; index++) {
			ConfigDescriptor config = new ConfigDescriptor();
			int result = LibUsb.getConfigDescriptor(device, (byte) index, config);
			if (result != LibUsb.SUCCESS) {
				problems.add(new DeviceProblem(Kind.MALFORMED_DESCRIPTOR, NLS.bind(Messages.DeviceReader_configUnreadable,
						Integer.valueOf(index), LibUsbErrors.describe(result))));
				continue;
			}
			byte[] bytes;
			try {
				bytes = ConfigDescriptorBytes.of(config);
			} finally {
				LibUsb.freeConfigDescriptor(config);
			}
			ConfigurationInfo info = ConfigurationParser.parse(bytes);
			interfaces.addAll(info.dfuInterfaces());
			serialInterfaces.addAll(info.serialInterfaces());
			for (String problem : info.problems()) {
				problems.add(new DeviceProblem(Kind.MALFORMED_DESCRIPTOR, problem));
			}
		}
		return interfaces;
	}

	/**
	 * Interfaces whose configuration lacks the functional descriptor, with the one the device gives to
	 * GET_DESCRIPTOR(0x21), as dfu-util asks for it: some stacks send it only that way. A device that refuses
	 * keeps the interface as it was.
	 */
	private static List<DfuInterface> withFunctionalAskedFor(List<DfuInterface> interfaces, DeviceHandle handle) {
		if (interfaces.stream().allMatch(dfu -> dfu.functional().isPresent())) {
			return interfaces;
		}
		ByteBuffer reply = ByteBuffer.allocateDirect(FunctionalDescriptor.LENGTH);
		int length = LibUsb.getDescriptor(handle, (byte) FunctionalDescriptor.TYPE, (byte) 0, reply);
		if (length <= 0) {
			return interfaces;
		}
		byte[] bytes = new byte[length];
		reply.get(bytes);
		Optional<FunctionalDescriptor> found = FunctionalDescriptor.parse(bytes);
		if (found.isEmpty()) {
			return interfaces;
		}
		List<DfuInterface> completed = new ArrayList<>();
		for (DfuInterface dfu : interfaces) {
			completed.add(dfu.functional().isPresent() ? dfu : dfu.withFunctional(found.get()));
		}
		return completed;
	}

	private static List<DfuInterface> withAltNames(List<DfuInterface> interfaces, DeviceHandle handle, Strings strings,
			SysfsStrings kernel) {
		List<DfuInterface> named = new ArrayList<>();
		for (DfuInterface dfu : interfaces) {
			Optional<SysfsStrings.ShownAlt> shown = kernel.shownAlt(dfu);
			List<AltSetting> alts = new ArrayList<>();
			for (AltSetting alt : dfu.altSettings()) {
				String what = NLS.bind(Messages.DeviceReader_altName, Integer.valueOf(dfu.interfaceNumber()),
						Integer.valueOf(alt.alternateSetting()));
				Optional<String> known = shown.filter(kernelsAlt -> kernelsAlt.alternateSetting() == alt.alternateSetting())
						.flatMap(SysfsStrings.ShownAlt::name);
				alts.add(alt.withName(known.orElseGet(() -> strings.read(handle, (byte) alt.nameIndex(), what))));
			}
			named.add(new DfuInterface(dfu.interfaceNumber(), dfu.protocol(), alts, dfu.functional(), dfu.problems()));
		}
		return named;
	}

	/**
	 * String reads of one device, and the problems they met. Read as libusb's ASCII reader reads them
	 * (what dfu-util matches a serial against), but the language table only once per device: a control
	 * transfer per string saved on every arrival.
	 */
	private static final class Strings {
		private static final int MAX_LENGTH = 255;
		final List<DeviceProblem> problems = new ArrayList<>();
		String manufacturer = ""; //$NON-NLS-1$
		String product = ""; //$NON-NLS-1$
		String serial = ""; //$NON-NLS-1$
		private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_LENGTH);
		/** The first language of string 0, or a libusb error (negative); null until read. */
		private Integer language;

		/** The device's names as the kernel keeps them, for a device this user may not open. */
		void fromKernel(SysfsStrings kernel) {
			manufacturer = kernel.device("manufacturer").orElse(""); //$NON-NLS-1$ //$NON-NLS-2$
			product = kernel.device("product").orElse(""); //$NON-NLS-1$ //$NON-NLS-2$
			serial = kernel.device("serial").orElse(""); //$NON-NLS-1$ //$NON-NLS-2$
		}

		String read(DeviceHandle handle, byte index, String what) {
			if (index == 0) {
				return ""; //$NON-NLS-1$
			}
			int result = language(handle);
			if (result >= 0) {
				result = descriptor(handle, index, (short) result);
			}
			if (result < 0) {
				problems.add(new DeviceProblem(Kind.STRING_READ_FAILED,
						NLS.bind(Messages.DeviceReader_stringFailed, what, LibUsbErrors.describe(result))));
				return ""; //$NON-NLS-1$
			}
			StringBuilder text = new StringBuilder();
			int end = buffer.get(0) & 0xFF;
			for (int at = 2; at + 1 < end; at += 2) {
				int low = buffer.get(at) & 0xFF;
				text.append(low >= 0x80 || buffer.get(at + 1) != 0 ? '?' : (char) low);
			}
			return DfuDeviceRecord.printable(text.toString());
		}

		private int language(DeviceHandle handle) {
			if (language == null) {
				int result = descriptor(handle, (byte) 0, (short) 0);
				language = result < 0 ? result
						: result < 4 ? LibUsb.ERROR_IO : (buffer.get(2) & 0xFF) | (buffer.get(3) & 0xFF) << 8;
			}
			return language.intValue();
		}

		/** One string descriptor into the buffer; its length, or a libusb error. */
		private int descriptor(DeviceHandle handle, byte index, short languageId) {
			buffer.clear();
			int result = LibUsb.getStringDescriptor(handle, index, languageId, buffer);
			if (result < 0) {
				return result;
			}
			if (result < 2 || buffer.get(1) != LibUsb.DT_STRING || (buffer.get(0) & 0xFF) > result) {
				return LibUsb.ERROR_IO;
			}
			return result;
		}
	}
}
