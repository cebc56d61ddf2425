package org.dfutools.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;

import org.dfutools.eclipse.core.internal.ErrorStatus;
import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.Test;

/** The error dialog's Details hold the technical cause, never the message a second time. */
class ErrorStatusTest {

	@Test
	void ourOwnExceptionIsNotTheDetail() {
		IStatus status = ErrorStatus.of("Reboot to DFU failed for X: access denied", new Exception("Reboot to DFU failed for X: access denied"));
		assertEquals(IStatus.ERROR, status.getSeverity());
		assertNull(status.getException(), "the Details would repeat the message");
	}

	@Test
	void theCauseUnderTheMessageIsTheDetail() {
		IOException cause = new IOException("Input/output error (libusb -1)");
		IStatus status = ErrorStatus.of("The flash failed.", new Exception("The flash failed.", new Exception("The flash failed.", cause)));
		assertEquals(cause, status.getException());
		assertEquals("The flash failed.", status.getMessage());
	}
}
