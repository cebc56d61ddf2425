package org.dfutools.eclipse.core.usb;

import org.usb4java.Context;
import org.usb4java.DeviceHandle;
import org.usb4java.LibUsb;

/**
 * Sends DFU_DETACH to one run-time device the way DFU 1.1 asks: claim the interface, GETSTATUS (a
 * STALL means the optional request is not implemented: appIDLE), DETACH with the device's own
 * wDetachTimeOut, release, and a USB reset only when the device will not detach itself. Every handle,
 * claim and list is released before it returns, whatever happens.
 */
final class DfuDetacher {

	private DfuDetacher() {
	}

	static DetachSent detach(Context context, DetachRequest request) throws UsbException {
		DeviceHandle handle = DfuRequests.open(context, request.location(), Messages.Detach_vanished);
		try {
			DfuRequests.claim(handle, request.interfaceNumber(), request.selectAltZero());
			try {
				int state = DfuRequests.state(handle, request.interfaceNumber());
				boolean stalled = state == LibUsb.ERROR_PIPE;
				if (state < 0 && !stalled) {
					throw DfuRequests.failure(Messages.Detach_statusFailed, state);
				}
				boolean pending = state == DfuRequests.STATE_APP_DETACH;
				int sent = DfuRequests.send(handle, DfuRequests.DETACH, request.detachTimeoutMs(), request.interfaceNumber());
				if (sent == LibUsb.ERROR_PIPE) {
					throw new UsbException(Messages.Detach_stalled, sent);
				}
				if (sent < 0 && sent != LibUsb.ERROR_NO_DEVICE) {
					throw DfuRequests.failure(Messages.Detach_sendFailed, sent);
				}
				LibUsb.releaseInterface(handle, request.interfaceNumber());
				boolean gone = sent == LibUsb.ERROR_NO_DEVICE;
				if (request.reset() && !gone) {
					gone = DfuRequests.reset(handle, Messages.Detach_resetFailed);
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
}
