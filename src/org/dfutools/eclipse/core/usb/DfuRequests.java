package org.dfutools.eclipse.core.usb;

import java.nio.ByteBuffer;

import org.dfutools.eclipse.core.device.UsbLocation;
import org.eclipse.osgi.util.NLS;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;

/**
 * The DFU 1.1 class requests (section 3) as libusb control transfers, and opening the one device they go
 * to: what DfuDetacher and DfuLeaver are made of, as dfu-util's dfu.c is what its modes are made of.
 */
final class DfuRequests {

	static final byte DETACH = 0;
	static final byte DNLOAD = 1;
	static final byte GETSTATUS = 3;
	static final byte CLRSTATUS = 4;
	static final byte ABORT = 6;

	static final int STATE_APP_DETACH = 1;
	static final int STATE_DFU_IDLE = 2;
	static final int STATE_DFU_ERROR = 10;
	/** bStatus errFIRMWARE: the firmware is corrupt, the device cannot return to run-time operation. */
	static final int STATUS_ERR_FIRMWARE = 0x0A;

	private static final byte OUT_CLASS_INTERFACE = 0x21;
	private static final byte IN_CLASS_INTERFACE = (byte) 0xA1;
	/** Bounds each control transfer: a device that does not answer must not hold the job. */
	private static final long TRANSFER_TIMEOUT_MS = 1000;

	private DfuRequests() {
	}

	/**
	 * DFU_GETSTATUS: bState, or {@link LibUsb#ERROR_PIPE} when the device STALLed it (optional at
	 * run-time), or another negative libusb error.
	 */
	static int state(DeviceHandle handle, int interfaceNumber) {
		int got = getStatus(handle, interfaceNumber);
		return got < 0 ? got : got & 0xFF;
	}

	/** DFU_GETSTATUS: bStatus, or a negative libusb error ({@link LibUsb#ERROR_PIPE} for a STALL). */
	static int status(DeviceHandle handle, int interfaceNumber) {
		int got = getStatus(handle, interfaceNumber);
		return got < 0 ? got : got >> 8;
	}

	/** bStatus and bState as {@code status << 8 | state}, or a negative libusb error. */
	private static int getStatus(DeviceHandle handle, int interfaceNumber) {
		ByteBuffer reply = ByteBuffer.allocateDirect(6);
		int got = LibUsb.controlTransfer(handle, IN_CLASS_INTERFACE, GETSTATUS, (short) 0, (short) interfaceNumber,
				reply, TRANSFER_TIMEOUT_MS);
		if (got < 0) {
			return got;
		}
		return got >= 5 ? (reply.get(0) & 0xFF) << 8 | reply.get(4) & 0xFF : LibUsb.ERROR_IO;
	}

	/** A request without data (DETACH, CLRSTATUS, ABORT, a zero-length DNLOAD): its libusb result. */
	static int send(DeviceHandle handle, byte request, int value, int interfaceNumber) {
		return LibUsb.controlTransfer(handle, OUT_CLASS_INTERFACE, request, (short) value, (short) interfaceNumber,
				ByteBuffer.allocateDirect(0), TRANSFER_TIMEOUT_MS);
	}

	/** Opens the device that is at this bus and address now; {@code vanished} when none is there. */
	static DeviceHandle open(Context context, UsbLocation location, String vanished) throws UsbException {
		DeviceList list = new DeviceList();
		int count = LibUsb.getDeviceList(context, list);
		if (count < 0) {
			throw failure(Messages.LibUsb_listFailed, count);
		}
		try {
			for (Device device : list) {
				if (DeviceReader.locationOf(device).deviceKey().equals(location.deviceKey())) {
					DeviceHandle handle = new DeviceHandle();
					int opened = LibUsb.open(device, handle);
					if (opened == LibUsb.ERROR_ACCESS) {
						throw new UsbException(Messages.Detach_accessDenied, opened);
					}
					if (opened != LibUsb.SUCCESS) {
						throw failure(Messages.Detach_openFailed, opened);
					}
					return handle;
				}
			}
			throw new UsbException(vanished, LibUsb.ERROR_NO_DEVICE);
		} finally {
			LibUsb.freeDeviceList(list, true);
		}
	}

	/** Claims the interface (detaching a kernel driver from it only), and selects alt setting 0 when asked. */
	static void claim(DeviceHandle handle, int interfaceNumber, boolean selectAltZero) throws UsbException {
		LibUsb.setAutoDetachKernelDriver(handle, true); // only this interface, only if a driver holds it
		check(LibUsb.claimInterface(handle, interfaceNumber), Messages.Detach_claimFailed);
		if (selectAltZero) {
			int selected = LibUsb.setInterfaceAltSetting(handle, interfaceNumber, 0);
			if (selected < 0) {
				LibUsb.releaseInterface(handle, interfaceNumber);
				throw failure(Messages.Detach_altFailed, selected);
			}
		}
	}

	/**
	 * A USB reset: whether the device left the bus with it (a device that re-enumerates under new
	 * descriptors is "not found" afterwards, which is success); throws on any other failure.
	 */
	static boolean reset(DeviceHandle handle, String message) throws UsbException {
		int reset = LibUsb.resetDevice(handle);
		boolean gone = reset == LibUsb.ERROR_NOT_FOUND || reset == LibUsb.ERROR_NO_DEVICE;
		if (reset < 0 && !gone) {
			throw failure(message, reset);
		}
		return gone;
	}

	static void check(int result, String message) throws UsbException {
		if (result < 0) {
			throw failure(message, result);
		}
	}

	static UsbException failure(String message, int code) {
		return new UsbException(NLS.bind(message, LibUsbErrors.describe(code)), code);
	}
}
