package org.dfutools.eclipse.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dfutools.eclipse.core.device.UsbStatus;
import org.junit.jupiter.api.Test;

class EmptyStateTextTest {

	@Test
	void listingWithNothingAttachedSaysNoDfuDeviceIsAttached() {
		EmptyStateText text = EmptyStateText.forStatus(UsbStatus.LISTING);
		assertEquals("No device with a DFU interface is attached", text.title());
		assertTrue(text.hint().contains("class 0xFE, subclass 0x01"), text.hint());
	}

	@Test
	void whileUsbStartsTheTitleSaysItIsLooking() {
		assertTrue(EmptyStateText.forStatus(UsbStatus.STARTING).title().startsWith("Looking for"));
	}

	@Test
	void failureNamesTheReason() {
		EmptyStateText text = EmptyStateText.forStatus(UsbStatus.failed("access denied"));
		assertEquals("USB access failed: access denied", text.title());
		assertTrue(text.hint().contains("udev"), text.hint());
	}
}
