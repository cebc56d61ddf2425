package org.dfutools.eclipse.core.usb.libusb;

import java.nio.ByteBuffer;

import org.dfutools.eclipse.core.device.UsbLocation;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;

/** One device opened through libusb: its handle, and the transfers the DFU requests are made of. */
final class LibUsbConnection implements UsbConnection {

	private static final byte OUT_CLASS_INTERFACE = 0x21;
	private static final byte IN_CLASS_INTERFACE = (byte) 0xA1;
	/** Bounds each control transfer: a device that does not answer must not hold the operation. */
	private static final long TRANSFER_TIMEOUT_MS = 1000;

	private final DeviceHandle handle;

	private LibUsbConnection(DeviceHandle handle) {
		this.handle = handle;
	}

	/** Opens the device that is at this bus and address now. */
	static LibUsbConnection open(Context context, UsbLocation location) throws UsbException {
		DeviceList list = new DeviceList();
		int count = LibUsb.getDeviceList(context, list);
		if (count < 0) {
			throw LibUsbErrors.exception(Messages.LibUsb_listFailed, count);
		}
		try {
			for (Device device : list) {
				if (DeviceReader.locationOf(device).deviceKey().equals(location.deviceKey())) {
					DeviceHandle handle = new DeviceHandle();
					int opened = LibUsb.open(device, handle);
					if (opened == LibUsb.ERROR_ACCESS) {
						throw new UsbException(UsbException.Kind.ACCESS_DENIED, Messages.Connection_accessDenied);
					}
					if (opened != LibUsb.SUCCESS) {
						throw LibUsbErrors.exception(Messages.Connection_openFailed, opened);
					}
					return new LibUsbConnection(handle);
				}
			}
			throw new UsbException(UsbException.Kind.NO_DEVICE, Messages.Connection_vanished);
		} finally {
			LibUsb.freeDeviceList(list, true);
		}
	}

	@Override
	public void claim(int interfaceNumber) throws UsbException {
		LibUsb.setAutoDetachKernelDriver(handle, true); // only this interface, only if a driver holds it
		check(LibUsb.claimInterface(handle, interfaceNumber), Messages.Connection_claimFailed);
	}

	@Override
	public void release(int interfaceNumber) {
		LibUsb.releaseInterface(handle, interfaceNumber);
	}

	@Override
	public void selectAlternateSetting(int interfaceNumber, int alternateSetting) throws UsbException {
		check(LibUsb.setInterfaceAltSetting(handle, interfaceNumber, alternateSetting), Messages.Connection_altFailed);
	}

	@Override
	public byte[] classRequestIn(int request, int value, int interfaceNumber, int length) throws UsbException {
		ByteBuffer reply = ByteBuffer.allocateDirect(length);
		int got = LibUsb.controlTransfer(handle, IN_CLASS_INTERFACE, (byte) request, (short) value,
				(short) interfaceNumber, reply, TRANSFER_TIMEOUT_MS);
		check(got, Messages.Connection_transferFailed);
		byte[] bytes = new byte[got];
		reply.get(bytes);
		return bytes;
	}

	@Override
	public void classRequestOut(int request, int value, int interfaceNumber, byte[] data) throws UsbException {
		ByteBuffer out = ByteBuffer.allocateDirect(data.length);
		out.put(data);
		out.rewind();
		check(LibUsb.controlTransfer(handle, OUT_CLASS_INTERFACE, (byte) request, (short) value, (short) interfaceNumber,
				out, TRANSFER_TIMEOUT_MS), Messages.Connection_transferFailed);
	}

	@Override
	public boolean reset() throws UsbException {
		int reset = LibUsb.resetDevice(handle);
		boolean gone = reset == LibUsb.ERROR_NOT_FOUND || reset == LibUsb.ERROR_NO_DEVICE;
		if (reset < 0 && !gone) {
			throw LibUsbErrors.exception(Messages.Connection_resetFailed, reset);
		}
		return gone;
	}

	@Override
	public void close() {
		LibUsb.close(handle);
	}

	private static void check(int result, String message) throws UsbException {
		if (result < 0) {
			throw LibUsbErrors.exception(message, result);
		}
	}
}
