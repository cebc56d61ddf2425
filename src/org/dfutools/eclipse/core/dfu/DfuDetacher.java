package org.dfutools.eclipse.core.dfu;

import org.dfutools.eclipse.core.protocol.DfuClient;
import org.dfutools.eclipse.core.protocol.DfuState;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.dfutools.eclipse.core.usb.UsbException.Kind;
import org.eclipse.osgi.util.NLS;

/**
 * Sends DFU_DETACH to one run-time device the way DFU 1.1 asks: claim the interface, GETSTATUS (a STALL
 * means the optional request is not implemented: appIDLE), DETACH with the device's own wDetachTimeOut
 * unless a detach is pending already, release, and a USB reset only when the device will not detach
 * itself and has not left already. Every claim is released before it returns, whatever happens.
 */
final class DfuDetacher {

	private DfuDetacher() {
	}

	/** Returns whether the device left the bus at once (with the reset, or as the request was answered). */
	static boolean detach(UsbConnection connection, DetachRequest request) throws UsbException {
		DfuClient dfu = DfuClient.claim(connection, request.interfaceNumber(), request.selectAltZero());
		try {
			boolean gone = false;
			// In appDETACH every request but GETSTATUS and GETSTATE stalls and aborts the detach (DFU 1.1,
			// 6.1): one that is pending already is followed by the reset, not sent again.
			if (!detachPending(dfu)) {
				try {
					dfu.detach(request.detachTimeoutMs());
				} catch (UsbException e) {
					gone = e.kind() == Kind.NO_DEVICE || leftDuring(dfu, e);
				}
			}
			dfu.release();
			if (request.reset() && !gone) {
				try {
					gone = connection.reset();
				} catch (UsbException e) {
					throw new UsbException(e.kind(), NLS.bind(Messages.Detach_resetFailed, e.getMessage()), e);
				}
			}
			return gone;
		} finally {
			dfu.release(); // never a claimed interface left behind
		}
	}

	/**
	 * After a DETACH that failed on the wire: whether the device left as it took it. Boards that reboot before the
	 * status stage make the request fail with an I/O error, or a pipe error on some host controllers, so a
	 * STALL alone does not prove a refusal. A device that still answers GETSTATUS (even with a STALL) is there:
	 * in appDETACH it took the DETACH and only its answer was lost; otherwise the failure stands.
	 */
	private static boolean leftDuring(DfuClient dfu, UsbException failure) throws UsbException {
		boolean detaching;
		try {
			detaching = dfu.getStatus().isState(DfuState.APP_DETACH);
		} catch (UsbException probe) {
			if (probe.kind() != Kind.STALL) {
				return true;
			}
			detaching = false;
		}
		if (detaching) {
			return false;
		}
		if (failure.kind() == Kind.STALL) {
			throw new UsbException(Kind.STALL, Messages.Detach_stalled, failure);
		}
		throw new UsbException(failure.kind(), NLS.bind(Messages.Detach_sendFailed, failure.getMessage()), failure);
	}

	/** GETSTATUS says appDETACH. A STALL is appIDLE: GETSTATUS is optional at run-time. */
	private static boolean detachPending(DfuClient dfu) throws UsbException {
		try {
			return dfu.getStatus().isState(DfuState.APP_DETACH);
		} catch (UsbException e) {
			if (e.kind() == Kind.STALL) {
				return false;
			}
			throw new UsbException(e.kind(), NLS.bind(Messages.Detach_statusFailed, e.getMessage()), e);
		}
	}
}
