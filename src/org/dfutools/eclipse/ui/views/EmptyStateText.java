package org.dfutools.eclipse.ui.views;

import org.dfutools.eclipse.core.usb.UsbScanSummary;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/** What the view says when it has no rows to show: a headline and the explanation beneath it. */
record EmptyStateText(String title, String hint) {

	static EmptyStateText searching() {
		return new EmptyStateText(Messages.DfuDevicesView_searching, ""); //$NON-NLS-1$
	}

	static EmptyStateText of(UsbScanSummary summary) {
		if (summary.dfuDevices() == 0) {
			return new EmptyStateText(Messages.DfuDevicesView_noDevice, Messages.DfuDevicesView_noDeviceHint);
		}
		Object[] counts = { Integer.valueOf(summary.dfuDevices()), Integer.valueOf(summary.usbDevices()) };
		return new EmptyStateText(NLS.bind(Messages.DfuDevicesView_devicesFound, counts),
				NLS.bind(Messages.DfuDevicesView_devicesFoundHint, counts));
	}

	static EmptyStateText usbFailed(String reason) {
		return new EmptyStateText(NLS.bind(Messages.DfuDevicesView_usbFailed, reason), Messages.DfuDevicesView_usbFailedHint);
	}
}
