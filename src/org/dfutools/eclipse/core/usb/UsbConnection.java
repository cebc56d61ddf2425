package org.dfutools.eclipse.core.usb;

/**
 * One opened device, for one operation: what the DFU requests need of it. Every transfer is bounded by the
 * adapter (a device that does not answer gives {@link UsbException.Kind#TIMEOUT}); close releases the handle,
 * and with it every interface still claimed.
 */
public interface UsbConnection extends AutoCloseable {

	/** Claims the interface, detaching a kernel driver from this interface only, if one holds it. */
	void claim(int interfaceNumber) throws UsbException;

	/** Releases the interface; harmless when it is not claimed or the device is gone. */
	void release(int interfaceNumber);

	void selectAlternateSetting(int interfaceNumber, int alternateSetting) throws UsbException;

	/**
	 * A class request to an interface, device to host (bmRequestType 0xA1): the bytes the device sent, at
	 * most {@code length}.
	 */
	byte[] classRequestIn(int request, int value, int interfaceNumber, int length) throws UsbException;

	/** A class request to an interface, host to device (bmRequestType 0x21), with this data stage (often none). */
	void classRequestOut(int request, int value, int interfaceNumber, byte[] data) throws UsbException;

	/**
	 * A USB port reset. Returns whether the device left the bus with it (one that re-enumerates under new
	 * descriptors is not found afterwards, which is success); throws on any other failure.
	 */
	boolean reset() throws UsbException;

	@Override
	void close();
}
