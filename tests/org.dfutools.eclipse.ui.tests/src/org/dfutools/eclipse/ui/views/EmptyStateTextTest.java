package org.dfutools.eclipse.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dfutools.eclipse.core.usb.UsbScanSummary;
import org.junit.jupiter.api.Test;

class EmptyStateTextTest {

	@Test
	void nothingAttached() {
		EmptyStateText text = EmptyStateText.of(new UsbScanSummary(3, 0));
		assertEquals("No device with a DFU interface is attached", text.title());
		assertTrue(text.hint().contains("class 0xFE, subclass 0x01"), text.hint());
	}

	@Test
	void devicesCounted() {
		EmptyStateText text = EmptyStateText.of(new UsbScanSummary(5, 2));
		assertEquals("2 USB device(s) with a DFU interface attached", text.title());
		assertTrue(text.hint().startsWith("5 USB device(s)"), text.hint());
	}

	@Test
	void failureNamesTheReason() {
		EmptyStateText text = EmptyStateText.usbFailed("access denied");
		assertEquals("USB access failed: access denied", text.title());
		assertTrue(text.hint().contains("udev"), text.hint());
	}
}
