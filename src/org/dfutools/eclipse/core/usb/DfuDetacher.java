package org.dfutools.eclipse.core.usb;

import java.nio.ByteBuffer;

import org.eclipse.osgi.util.NLS;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;

/**
 * Sends DFU_DETACH to one run-time device the way DFU 1.1 asks: claim the interface, GETSTATUS (a
 * STALL means the optional request is not implemented: appIDLE), DETACH with the device's own
 * wDetachTimeOut, release, and a USB reset only when the device will not detach itself. Every handle,
 * claim and list is released before it returns, whatever happens.
 */
final class DfuDetacher {

	private static final int REQUEST_DETACH = 0;
	private static final int REQUEST_GETSTATUS = 3;
	private static final byte OUT_CLASS_INTERFACE = 0x21;
	private static final byte IN_CLASS_INTERFACE = (byte) 0xA1;
	private static final int STATE_APP_DETACH = 1;
	/** Bounds each control transfer: a device that does not answer must not hold the job. */
	private static final long TRANSFER_TIMEOUT_MS = 1000;

	private DfuDetacher() {
	}

	static DetachSent detach(Context context, DetachRequest request) throws UsbException {
		DeviceHandle handle = open(context, request);
		try {
			LibUsb.setAutoDetachKernelDriver(handle, true); // only this interface, only if a driver holds it
			check(LibUsb.claimInterface(handle, request.interfaceNumber()), Messages.Detach_claimFailed);
			try {
				if (request.selectAltZero()) {
					check(LibUsb.setInterfaceAltSetting(handle, request.interfaceNumber(), 0), Messages.Detach_altFailed);
				}
				ByteBuffer status = ByteBuffer.allocateDirect(6);
				int got = LibUsb.controlTransfer(handle, IN_CLASS_INTERFACE, (byte) REQUEST_GETSTATUS, (short) 0,
						(short) request.interfaceNumber(), status, TRANSFER_TIMEOUT_MS);
				boolean stalled = got == LibUsb.ERROR_PIPE;
				if (got < 0 && !stalled) {
					throw failure(Messages.Detach_statusFailed, got);
				}
				boolean pending = got >= 5 && (status.get(4) & 0xFF) == STATE_APP_DETACH;
				int sent = LibUsb.controlTransfer(handle, OUT_CLASS_INTERFACE, (byte) REQUEST_DETACH,
						(short) request.detachTimeoutMs(), (short) request.interfaceNumber(), ByteBuffer.allocateDirect(0),
						TRANSFER_TIMEOUT_MS);
				if (sent == LibUsb.ERROR_PIPE) {
					throw new UsbException(Messages.Detach_stalled, sent);
				}
				if (sent < 0 && sent != LibUsb.ERROR_NO_DEVICE) {
					throw failure(Messages.Detach_sendFailed, sent);
				}
				LibUsb.releaseInterface(handle, request.interfaceNumber());
				boolean gone = sent == LibUsb.ERROR_NO_DEVICE;
				if (request.reset() && !gone) {
					int reset = LibUsb.resetDevice(handle);
					// A device that re-enumerates under new descriptors is "not found" afterwards: that is success.
					gone = reset == LibUsb.ERROR_NOT_FOUND || reset == LibUsb.ERROR_NO_DEVICE;
					if (reset < 0 && !gone) {
						throw failure(Messages.Detach_resetFailed, reset);
					}
				}
				return new DetachSent(pending, stalled, gone);
			} finally {
				// Harmless when already released or gone; never leave a claimed interface behind.
				LibUsb.releaseInterface(handle, request.interfaceNumber());
			}
		} finally {
			LibUsb.close(handle);
		}
	}

	/** Opens the device that is at the request's bus and address now. */
	private static DeviceHandle open(Context context, DetachRequest request) throws UsbException {
		DeviceList list = new DeviceList();
		int count = LibUsb.getDeviceList(context, list);
		if (count < 0) {
			throw failure(Messages.LibUsb_listFailed, count);
		}
		try {
			for (Device device : list) {
				if (DeviceReader.locationOf(device).deviceKey().equals(request.location().deviceKey())) {
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
			throw new UsbException(Messages.Detach_vanished, LibUsb.ERROR_NO_DEVICE);
		} finally {
			LibUsb.freeDeviceList(list, true);
		}
	}

	private static void check(int result, String message) throws UsbException {
		if (result < 0) {
			throw failure(message, result);
		}
	}

	private static UsbException failure(String message, int code) {
		return new UsbException(NLS.bind(message, LibUsbErrors.describe(code)), code);
	}
}
