package org.dfutools.eclipse.core.usb;

/**
 * What happened on the bus when DFU_DETACH was sent.
 *
 * @param alreadyDetaching GETSTATUS said appDETACH: a detach was pending before ours
 * @param statusStalled    GETSTATUS STALLed (allowed at run-time) and appIDLE was assumed
 * @param resetGone        the reset made the device leave the bus at once (it re-enumerated)
 */
public record DetachSent(boolean alreadyDetaching, boolean statusStalled, boolean resetGone) {
}
