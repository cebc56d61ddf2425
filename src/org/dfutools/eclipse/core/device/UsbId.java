package org.dfutools.eclipse.core.device;

/** A USB vendor and product ID pair, written the way lsusb and dfu-util write it: {@code 1209:0001}. */
public record UsbId(int vendorId, int productId) {

	@Override
	public String toString() {
		return String.format("%04x:%04x", Integer.valueOf(vendorId), Integer.valueOf(productId)); //$NON-NLS-1$
	}
}
