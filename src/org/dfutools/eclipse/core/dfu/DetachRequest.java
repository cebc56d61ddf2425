package org.dfutools.eclipse.core.dfu;

import org.dfutools.eclipse.core.device.UsbLocation;

/**
 * What DFU_DETACH needs to know about one run-time device.
 *
 * @param location        the device as attached now (bus and address)
 * @param interfaceNumber its DFU run-time interface
 * @param selectAltZero   whether to select alt setting 0 first (interface above 0, or several alts)
 * @param detachTimeoutMs wValue of DFU_DETACH: the device's own wDetachTimeOut
 * @param reset           whether to reset the device afterwards (it will not detach itself)
 */
record DetachRequest(UsbLocation location, int interfaceNumber, boolean selectAltZero, int detachTimeoutMs,
		boolean reset) {
}
