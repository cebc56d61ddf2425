package org.dfutools.eclipse.ui.views;

import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/** What the view says when it has no boards to show: a headline and the explanation beneath it. */
record EmptyStateText(String title, String hint) {

	static EmptyStateText forStatus(UsbStatus status) {
		return switch (status.state()) {
		case STARTING -> new EmptyStateText(Messages.DfuDevicesView_searching, ""); //$NON-NLS-1$
		case LISTING -> new EmptyStateText(Messages.DfuDevicesView_noDevice, Messages.DfuDevicesView_noDeviceHint);
		case FAILED -> new EmptyStateText(NLS.bind(Messages.DfuDevicesView_usbFailed, status.failure()),
				Messages.DfuDevicesView_usbFailedHint);
		};
	}
}
