package org.dfutools.eclipse.core.internal;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/**
 * An error status for the user's message. Its exception is only the technical cause under the message (a
 * libusb error, an I/O error): the error dialog shows the exception as its Details, and our own exception,
 * which carries the same message, would just say it twice.
 */
public final class ErrorStatus {

	private ErrorStatus() {
	}

	public static IStatus of(String message, Throwable failure) {
		Throwable detail = failure == null ? null : failure.getCause();
		while (detail != null && message.equals(detail.getMessage())) {
			detail = detail.getCause();
		}
		return new Status(IStatus.ERROR, Activator.PLUGIN_ID, message, detail);
	}
}
