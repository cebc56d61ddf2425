package org.dfutools.eclipse.core.dfu;

import java.util.Optional;

import org.dfutools.eclipse.core.protocol.DfuClient;
import org.dfutools.eclipse.core.protocol.DfuState;
import org.dfutools.eclipse.core.protocol.DfuStatus;
import org.dfutools.eclipse.core.protocol.DfuStatusCode;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.dfutools.eclipse.core.usb.UsbException.Kind;
import org.eclipse.osgi.util.NLS;

/**
 * Tells one bootloader to start its application. A DfuSe bootloader leaves on a zero-length DFU_DNLOAD
 * followed by DFU_GETSTATUS (ST's AN3156; dfu-util's {@code -s :leave}); a plain DFU bootloader is sent
 * DFU_DETACH, which many accept in DFU mode (TinyUSB) and others STALL as DFU 1.1 allows, and then a USB
 * reset, which DFU 1.1 makes the way back to the application, unless it accepted the detach and detaches
 * itself; still on the bus after the reset, it is asked whether it has an application (errFIRMWARE). A
 * device in dfuERROR has its status cleared first. Every claim is released before it returns, whatever
 * happens.
 */
final class DfuLeaver {

	/** DFU_DETACH's wValue in DFU mode, where the request has no timeout of its own: dfu-util's. */
	private static final int DETACH_VALUE = 1000;

	private DfuLeaver() {
	}

	/**
	 * Returns whether the bootloader, still on the bus after the reset, reported errFIRMWARE: it has no valid
	 * application to start.
	 */
	static boolean leave(UsbConnection connection, LeaveRequest request) throws UsbException {
		int number = request.interfaceNumber();
		DfuClient dfu = DfuClient.claim(connection, number, request.selectAltZero());
		try {
			Optional<DfuStatus> status = statusIfAnswered(dfu);
			if (status.filter(s -> s.isState(DfuState.DFU_ERROR)).isPresent()) {
				quietly(dfu::clearStatus);
			} else if (status.filter(s -> !s.isState(DfuState.DFU_IDLE)).isPresent()) {
				quietly(dfu::abort); // an interrupted transfer
			}
			if (request.dfuSe()) {
				leaveDfuSe(dfu);
				return false;
			}
			boolean gone = detachAndReset(connection, dfu, request);
			return !gone && reportsNoFirmware(connection, number);
		} finally {
			dfu.release();
		}
	}

	/** DfuSe's leave: a zero-length download, then the GETSTATUS that makes the bootloader jump. */
	private static void leaveDfuSe(DfuClient dfu) throws UsbException {
		try {
			dfu.download(0, new byte[0]);
		} catch (UsbException e) {
			if (e.kind() != Kind.NO_DEVICE) {
				throw new UsbException(e.kind(), NLS.bind(Messages.Leave_sendFailed, e.getMessage()), e);
			}
		}
		// The leave happens on this GETSTATUS; many bootloaders reset before they answer it.
		statusIfAnswered(dfu);
	}

	/** Plain DFU's way out: DFU_DETACH, then a USB reset unless the bootloader detaches itself; whether it left the bus. */
	private static boolean detachAndReset(UsbConnection connection, DfuClient dfu, LeaveRequest request) throws UsbException {
		boolean refused = false;
		boolean gone = false;
		try {
			dfu.detach(DETACH_VALUE);
		} catch (UsbException e) {
			refused = e.kind() == Kind.STALL;
			gone = e.kind() == Kind.NO_DEVICE;
			if (refused) {
				quietly(dfu::clearStatus); // a STALL leaves it in dfuERROR
			}
			// Any other failure: the reset below is the way back all the same.
		}
		dfu.release();
		if (!gone && (refused || !request.willDetach())) {
			try {
				gone = connection.reset();
			} catch (UsbException e) {
				throw new UsbException(e.kind(), NLS.bind(Messages.Leave_resetFailed, e.getMessage()), e);
			}
		}
		return gone;
	}

	/**
	 * Whether the bootloader, still on the bus after the reset, says errFIRMWARE: DFU 1.1's way of saying
	 * that it has no valid application to return to. Not asked further when it cannot say (yet).
	 */
	private static boolean reportsNoFirmware(UsbConnection connection, int number) {
		DfuClient dfu;
		try {
			dfu = DfuClient.claim(connection, number, false);
		} catch (UsbException e) {
			return false;
		}
		try {
			return dfu.getStatus().isStatus(DfuStatusCode.ERR_FIRMWARE);
		} catch (UsbException e) {
			return false;
		} finally {
			dfu.release();
		}
	}

	private static Optional<DfuStatus> statusIfAnswered(DfuClient dfu) {
		try {
			return Optional.of(dfu.getStatus());
		} catch (UsbException e) {
			return Optional.empty();
		}
	}

	/** A request whose failure changes nothing: what follows is the same either way. */
	private static void quietly(Request request) {
		try {
			request.send();
		} catch (UsbException e) {
			// see above
		}
	}

	@FunctionalInterface
	private interface Request {
		void send() throws UsbException;
	}
}
