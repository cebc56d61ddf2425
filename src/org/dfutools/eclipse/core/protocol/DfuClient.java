package org.dfutools.eclipse.core.protocol;

import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.eclipse.osgi.util.NLS;

/**
 * The DFU 1.1 requests to one DFU interface of an opened device, as dfu-util's dfu.c sends them: what
 * the detach, the leave and anything else that talks DFU are made of.
 */
public final class DfuClient {

	private static final byte[] NO_DATA = new byte[0];

	private final UsbConnection connection;
	private final int interfaceNumber;

	public DfuClient(UsbConnection connection, int interfaceNumber) {
		this.connection = connection;
		this.interfaceNumber = interfaceNumber;
	}

	/**
	 * Claims the DFU interface and, when asked, selects its alt setting 0 (an interface above 0, or several
	 * alts): what every DFU operation starts with. Release it with {@link #release()}, in a finally.
	 */
	public static DfuClient claim(UsbConnection connection, int interfaceNumber, boolean selectAltZero)
			throws UsbException {
		connection.claim(interfaceNumber);
		try {
			if (selectAltZero) {
				connection.selectAlternateSetting(interfaceNumber, 0);
			}
		} catch (UsbException e) {
			connection.release(interfaceNumber);
			throw e;
		}
		return new DfuClient(connection, interfaceNumber);
	}

	/** Releases the interface; harmless when it is released already or the device is gone. */
	public void release() {
		connection.release(interfaceNumber);
	}

	/** DFU_GETSTATUS. A reply shorter than six bytes is an error of kind OTHER. */
	public DfuStatus getStatus() throws UsbException {
		byte[] reply = connection.classRequestIn(DfuRequest.GETSTATUS.code(), 0, interfaceNumber, DfuStatus.LENGTH);
		return DfuStatus.parse(reply).orElseThrow(() -> new UsbException(UsbException.Kind.OTHER,
				NLS.bind(Messages.DfuClient_shortStatus, Integer.valueOf(reply.length))));
	}

	/** DFU_DETACH with wValue {@code timeoutMs}: in run-time mode, the longest the device waits for a reset. */
	public void detach(int timeoutMs) throws UsbException {
		connection.classRequestOut(DfuRequest.DETACH.code(), timeoutMs, interfaceNumber, NO_DATA);
	}

	/** DFU_CLRSTATUS: out of dfuERROR. */
	public void clearStatus() throws UsbException {
		connection.classRequestOut(DfuRequest.CLRSTATUS.code(), 0, interfaceNumber, NO_DATA);
	}

	/** DFU_ABORT: back to dfuIDLE from an interrupted transfer. */
	public void abort() throws UsbException {
		connection.classRequestOut(DfuRequest.ABORT.code(), 0, interfaceNumber, NO_DATA);
	}

	/** DFU_DNLOAD of one block; a zero-length block ends a download (and makes a DfuSe bootloader leave). */
	public void download(int block, byte[] data) throws UsbException {
		connection.classRequestOut(DfuRequest.DNLOAD.code(), block, interfaceNumber, data);
	}
}
