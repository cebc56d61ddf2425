package org.dfutools.eclipse.core.dfu;

import org.dfutools.eclipse.core.device.UsbLocation;

/**
 * What leaving DFU mode for the application needs to know about one device in DFU mode.
 *
 * @param location        the device as attached now (bus and address)
 * @param interfaceNumber its DFU-mode interface
 * @param selectAltZero   whether to select alt setting 0 first (interface above 0, or several alts)
 * @param dfuSe           a DfuSe bootloader: leave with a zero-length DNLOAD, as {@code dfu-util -s :leave}
 * @param willDetach      the bootloader detaches by itself when it accepts DFU_DETACH: no reset then
 */
record LeaveRequest(UsbLocation location, int interfaceNumber, boolean selectAltZero, boolean dfuSe,
		boolean willDetach) {
}
