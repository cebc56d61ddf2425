package org.dfutools.eclipse.core.usb;

/**
 * What happened on the bus when a bootloader was told to start its application.
 *
 * @param detachRefused the plain DFU bootloader STALLed DFU_DETACH; the reset alone was its way back
 * @param resetGone     the reset made the device leave the bus at once (it re-enumerated)
 * @param noFirmware    after the reset the bootloader reported errFIRMWARE: it has no valid application
 */
public record LeaveSent(boolean detachRefused, boolean resetGone, boolean noFirmware) {
}
