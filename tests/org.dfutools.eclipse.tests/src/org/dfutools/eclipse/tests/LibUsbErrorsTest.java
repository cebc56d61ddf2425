package org.dfutools.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dfutools.eclipse.core.usb.libusb.LibUsbErrors;
import org.junit.jupiter.api.Test;
import org.usb4java.LibUsb;

class LibUsbErrorsTest {

	private static final List<Integer> KNOWN = List.of(LibUsb.ERROR_IO, LibUsb.ERROR_INVALID_PARAM, LibUsb.ERROR_ACCESS,
			LibUsb.ERROR_NO_DEVICE, LibUsb.ERROR_NOT_FOUND, LibUsb.ERROR_BUSY, LibUsb.ERROR_TIMEOUT, LibUsb.ERROR_OVERFLOW,
			LibUsb.ERROR_PIPE, LibUsb.ERROR_INTERRUPTED, LibUsb.ERROR_NO_MEM, LibUsb.ERROR_NOT_SUPPORTED,
			LibUsb.ERROR_OTHER);

	@Test
	void everyKnownCodeHasItsOwnMessage() {
		Set<String> messages = new HashSet<>();
		for (int code : KNOWN) {
			String message = LibUsbErrors.describe(code);
			assertFalse(message.isBlank(), "code " + code);
			assertFalse(message.startsWith("!"), "missing NLS key for code " + code + ": " + message);
			messages.add(message);
		}
		assertEquals(KNOWN.size(), messages.size(), "two codes share a message");
	}

	@Test
	void accessDeniedSaysSo() {
		assertTrue(LibUsbErrors.describe(LibUsb.ERROR_ACCESS).contains("access denied"));
	}

	@Test
	void unknownCodeShowsTheNumber() {
		assertTrue(LibUsbErrors.describe(-42).contains("-42"), LibUsbErrors.describe(-42));
	}
}
