package org.dfutools.eclipse.ui.views;

import java.util.function.Consumer;

import org.dfutools.eclipse.core.usb.LibUsbBackend;
import org.dfutools.eclipse.core.usb.UsbException;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/** Looks at the USB bus in the background and hands what it found to the view. */
final class UsbProbeJob extends Job {

	private final Consumer<EmptyStateText> onResult;

	UsbProbeJob(Consumer<EmptyStateText> onResult) {
		super(Messages.UsbProbeJob_name);
		this.onResult = onResult;
		setSystem(true);
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		EmptyStateText text;
		try (LibUsbBackend usb = LibUsbBackend.open()) {
			text = EmptyStateText.of(usb.scan());
		} catch (UsbException e) {
			// Not an error dialog: the view says it in place; the details go to the error log.
			ILog.of(getClass()).log(Status.warning(e.getMessage(), e));
			text = EmptyStateText.usbFailed(e.getMessage());
		}
		if (monitor.isCanceled()) {
			return Status.CANCEL_STATUS;
		}
		onResult.accept(text);
		return Status.OK_STATUS;
	}

	@Override
	public boolean belongsTo(Object family) {
		return Activator.PLUGIN_ID.equals(family);
	}
}
