package org.dfutools.eclipse.core;

import java.util.concurrent.atomic.AtomicBoolean;

import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;

/** A device open for an operation, counted by the service: closing it (once, however often it is closed) tells it. */
final class CountedConnection implements UsbConnection {
	private final UsbConnection open;
	private final AtomicBoolean closedOnce = new AtomicBoolean();
	private final Runnable closed;

	CountedConnection(UsbConnection open, Runnable closed) {
		this.open = open;
		this.closed = closed;
	}

	@Override
	public void claim(int interfaceNumber) throws UsbException {
		open.claim(interfaceNumber);
	}

	@Override
	public void release(int interfaceNumber) {
		open.release(interfaceNumber);
	}

	@Override
	public void selectAlternateSetting(int interfaceNumber, int alternateSetting) throws UsbException {
		open.selectAlternateSetting(interfaceNumber, alternateSetting);
	}

	@Override
	public byte[] classRequestIn(int request, int value, int interfaceNumber, int length) throws UsbException {
		return open.classRequestIn(request, value, interfaceNumber, length);
	}

	@Override
	public void classRequestOut(int request, int value, int interfaceNumber, byte[] data) throws UsbException {
		open.classRequestOut(request, value, interfaceNumber, data);
	}

	@Override
	public boolean reset() throws UsbException {
		return open.reset();
	}

	@Override
	public void close() {
		if (!closedOnce.compareAndSet(false, true)) {
			return;
		}
		try {
			open.close();
		} finally {
			closed.run();
		}
	}
}
