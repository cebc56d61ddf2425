package org.dfutools.eclipse.core.usb;

/** What one scan of the bus found: all USB devices, and those with at least one DFU interface. */
public record UsbScanSummary(int usbDevices, int dfuDevices) {
}
