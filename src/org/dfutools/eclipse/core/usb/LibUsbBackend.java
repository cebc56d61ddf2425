package org.dfutools.eclipse.core.usb;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dfutools.eclipse.core.DfuClassCodes;
import org.eclipse.osgi.util.NLS;
import org.usb4java.ConfigDescriptor;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceList;
import org.usb4java.Interface;
import org.usb4java.InterfaceDescriptor;
import org.usb4java.LibUsb;
import org.usb4java.LoaderException;

/**
 * The one place that talks to libusb through usb4java. It owns a libusb context for its lifetime;
 * every list and descriptor it obtains is freed before the method that obtained it returns.
 */
public final class LibUsbBackend implements AutoCloseable {

	private static final Path LINUX_USB_FS = Path.of("/dev/bus/usb"); //$NON-NLS-1$

	private final Context context;

	private LibUsbBackend(Context context) {
		this.context = context;
	}

	/** Starts libusb. Fails with a readable message when the native library or the USB subsystem is missing. */
	public static LibUsbBackend open() throws UsbException {
		Context context = new Context();
		int result;
		try {
			result = LibUsb.init(context);
		} catch (LoaderException | LinkageError e) {
			// LibUsb loads its native library in a static initializer: the first failure arrives wrapped.
			Throwable reason = e.getCause() != null ? e.getCause() : e;
			throw new UsbException(NLS.bind(Messages.LibUsb_nativeLibraryMissing, new Object[] {
					System.getProperty("os.name"), System.getProperty("os.arch"), reason }), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (result != LibUsb.SUCCESS) {
			throw new UsbException(NLS.bind(Messages.LibUsb_initFailed, describeInitFailure(result)), result);
		}
		return new LibUsbBackend(context);
	}

	/** Counts the attached devices, and those with a DFU interface in any configuration. */
	public UsbScanSummary scan() throws UsbException {
		DeviceList list = new DeviceList();
		int count = LibUsb.getDeviceList(context, list);
		if (count < 0) {
			throw new UsbException(NLS.bind(Messages.LibUsb_listFailed, LibUsbErrors.describe(count)), count);
		}
		try {
			int dfuDevices = 0;
			for (Device device : list) {
				if (hasDfuInterface(device)) {
					dfuDevices++;
				}
			}
			return new UsbScanSummary(count, dfuDevices);
		} finally {
			LibUsb.freeDeviceList(list, true);
		}
	}

	private static boolean hasDfuInterface(Device device) {
		DeviceDescriptor deviceDescriptor = new DeviceDescriptor();
		if (LibUsb.getDeviceDescriptor(device, deviceDescriptor) != LibUsb.SUCCESS) {
			return false;
		}
		int configurations = deviceDescriptor.bNumConfigurations() & 0xFF;
		for (int index = 0; index < configurations; index++) {
			ConfigDescriptor config = new ConfigDescriptor();
			if (LibUsb.getConfigDescriptor(device, (byte) index, config) != LibUsb.SUCCESS) {
				continue;
			}
			try {
				if (hasDfuInterface(config)) {
					return true;
				}
			} finally {
				LibUsb.freeConfigDescriptor(config);
			}
		}
		return false;
	}

	private static boolean hasDfuInterface(ConfigDescriptor config) {
		for (Interface iface : config.iface()) {
			for (InterfaceDescriptor alt : iface.altsetting()) {
				if (DfuClassCodes.isDfuInterface(alt.bInterfaceClass(), alt.bInterfaceSubClass())) {
					return true;
				}
			}
		}
		return false;
	}

	/** libusb reports a missing usbfs only as "other error": say what is really missing. */
	private static String describeInitFailure(int result) {
		if (result == LibUsb.ERROR_OTHER && isLinux() && !Files.isDirectory(LINUX_USB_FS)) {
			return NLS.bind(Messages.LibUsb_noUsbFileSystem, LINUX_USB_FS);
		}
		return LibUsbErrors.describe(result);
	}

	private static boolean isLinux() {
		return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	@Override
	public void close() {
		LibUsb.exit(context);
	}
}
