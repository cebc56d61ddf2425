package org.dfutools.eclipse.core.dfu;

import java.util.Optional;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.protocol.DfuClient;
import org.dfutools.eclipse.core.protocol.DfuState;
import org.dfutools.eclipse.core.protocol.DfuStatus;
import org.dfutools.eclipse.core.protocol.DfuStatusCode;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;

/**
 * Asks a board in DFU mode why a request failed, after dfu-util gave up on it: dfu-util reports a STALL but
 * not the DFU status behind it (errVENDOR from a read-protected STM32, errADDRESS, ...). A board in dfuERROR
 * has its status cleared, so that the next request (the way back to the application) starts from dfuIDLE.
 */
public final class DfuErrorProbe {

	private DfuErrorProbe() {
	}

	/** The error status the board reports, or empty when it reports none or cannot be asked (gone, refused). */
	public static Optional<DfuStatusCode> errorOf(DfuDeviceService service, Board board) {
		Optional<DfuInterface> dfu = board.device().primaryInterface();
		if (dfu.isEmpty() || !board.attached() || !board.mode().isDfuMode()) {
			return Optional.empty();
		}
		try (UsbConnection connection = DeviceOpening.open(service, board.device().location(), Messages.Leave_vanished)) {
			DfuClient client = DfuClient.claim(connection, dfu.get().interfaceNumber(), false);
			try {
				DfuStatus status = client.getStatus();
				if (!status.isState(DfuState.DFU_ERROR)) {
					return Optional.empty();
				}
				client.clearStatus();
				DfuStatusCode[] codes = DfuStatusCode.values();
				return status.status() < codes.length ? Optional.of(codes[status.status()]) : Optional.of(DfuStatusCode.ERR_UNKNOWN);
			} finally {
				client.release();
			}
		} catch (UsbException e) {
			return Optional.empty();
		}
	}
}
