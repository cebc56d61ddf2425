package org.dfutools.eclipse.testsupport.fakeusb;

import java.util.HashSet;
import java.util.Set;

import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;

/** A fake board opened: requests go to the board; claims are counted, so that a test can see one left behind. */
final class FakeConnection implements UsbConnection {

	private final FakeBoard board;
	private final FakeUsbPort port;
	/** Where the board was when it was opened: once it has left (re-enumerated, unplugged), requests fail. */
	private final org.dfutools.eclipse.core.device.UsbLocation openedAt;
	private final Set<Integer> claimed = new HashSet<>();
	private boolean closed;

	FakeConnection(FakeBoard board, FakeUsbPort port) {
		this.board = board;
		this.port = port;
		this.openedAt = board.location();
	}

	/** As libusb answers a handle whose device has left the bus. */
	private void onTheBus() throws UsbException {
		if (!port.boards().contains(board) || !openedAt.equals(board.location())) {
			throw new UsbException(UsbException.Kind.NO_DEVICE, "the fake device left the bus"); //$NON-NLS-1$
		}
	}

	@Override
	public synchronized void claim(int interfaceNumber) throws UsbException {
		onTheBus();
		claimed.add(interfaceNumber);
	}

	@Override
	public synchronized void release(int interfaceNumber) {
		claimed.remove(interfaceNumber);
	}

	@Override
	public void selectAlternateSetting(int interfaceNumber, int alternateSetting) throws UsbException {
		onTheBus();
		port.request("SET_INTERFACE alt=" + alternateSetting); //$NON-NLS-1$
	}

	@Override
	public byte[] classRequestIn(int request, int value, int interfaceNumber, int length) throws UsbException {
		onTheBus();
		return board.classRequestIn(request, value, length);
	}

	@Override
	public void classRequestOut(int request, int value, int interfaceNumber, byte[] data) throws UsbException {
		onTheBus();
		board.classRequestOut(request, value, data);
	}

	@Override
	public boolean reset() throws UsbException {
		onTheBus();
		return board.reset();
	}

	@Override
	public synchronized void close() {
		if (!closed) {
			closed = true;
			if (!claimed.isEmpty()) {
				port.request("closed with claimed interfaces " + claimed); //$NON-NLS-1$
			}
			port.connectionClosed();
		}
	}
}
