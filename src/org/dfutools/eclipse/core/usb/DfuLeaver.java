package org.dfutools.eclipse.core.usb;

import org.usb4java.Context;
import org.usb4java.DeviceHandle;
import org.usb4java.LibUsb;

/**
 * Tells one bootloader to start its application. A DfuSe bootloader leaves on a zero-length DFU_DNLOAD
 * followed by DFU_GETSTATUS (ST's AN3156; dfu-util's {@code -s :leave}); a plain DFU bootloader is sent
 * DFU_DETACH, which many accept in DFU mode (TinyUSB) and others STALL as DFU 1.1 allows, and then a USB
 * reset, which DFU 1.1 makes the way back to the application, unless it accepted the detach and detaches
 * itself; still on the bus after the reset, it is asked whether it has an application (errFIRMWARE). A
 * device in dfuERROR has its status cleared first. Every handle and claim is released before it
 * returns, whatever happens.
 */
final class DfuLeaver {

	/** DFU_DETACH's wValue in DFU mode, where the request has no timeout of its own: dfu-util's. */
	private static final int DETACH_VALUE = 1000;

	private DfuLeaver() {
	}

	/**
	 * Whether the bootloader, still on the bus after the reset, says errFIRMWARE: DFU 1.1's way of saying
	 * that it has no valid application to return to. Not asked further when it cannot say (yet).
	 */
	private static boolean reportsNoFirmware(DeviceHandle handle, LeaveRequest request) {
		if (LibUsb.claimInterface(handle, request.interfaceNumber()) < 0) {
			return false;
		}
		try {
			return DfuRequests.status(handle, request.interfaceNumber()) == DfuRequests.STATUS_ERR_FIRMWARE;
		} finally {
			LibUsb.releaseInterface(handle, request.interfaceNumber());
		}
	}

	static LeaveSent leave(Context context, LeaveRequest request) throws UsbException {
		DeviceHandle handle = DfuRequests.open(context, request.location(), Messages.Leave_vanished);
		int number = request.interfaceNumber();
		try {
			DfuRequests.claim(handle, number, request.selectAltZero());
			try {
				int state = DfuRequests.state(handle, number);
				if (state == DfuRequests.STATE_DFU_ERROR) {
					DfuRequests.send(handle, DfuRequests.CLRSTATUS, 0, number);
				} else if (state >= 0 && state != DfuRequests.STATE_DFU_IDLE) {
					DfuRequests.send(handle, DfuRequests.ABORT, 0, number); // an interrupted transfer
				}
				if (request.dfuSe()) {
					int sent = DfuRequests.send(handle, DfuRequests.DNLOAD, 0, number);
					if (sent < 0 && sent != LibUsb.ERROR_NO_DEVICE) {
						throw DfuRequests.failure(Messages.Leave_sendFailed, sent);
					}
					// The leave happens on this GETSTATUS; many bootloaders reset before they answer it.
					DfuRequests.state(handle, number);
					return new LeaveSent(false, false, false);
				}
				int sent = DfuRequests.send(handle, DfuRequests.DETACH, DETACH_VALUE, number);
				boolean refused = sent == LibUsb.ERROR_PIPE;
				if (refused) {
					DfuRequests.send(handle, DfuRequests.CLRSTATUS, 0, number); // a STALL leaves it in dfuERROR
				}
				LibUsb.releaseInterface(handle, number);
				boolean gone = sent == LibUsb.ERROR_NO_DEVICE;
				if (!gone && (refused || !request.willDetach())) {
					gone = DfuRequests.reset(handle, Messages.Leave_resetFailed);
				}
				return new LeaveSent(refused, gone, !gone && reportsNoFirmware(handle, request));
			} finally {
				LibUsb.releaseInterface(handle, number);
			}
		} finally {
			LibUsb.close(handle);
		}
	}
}
