package org.dfutools.eclipse.core.device;

/** Whether the registry can see the bus: starting, listing, or failed with a reason for a person. */
public record UsbStatus(State state, String failure) {

	public enum State {
		STARTING, LISTING, FAILED
	}

	public static final UsbStatus STARTING = new UsbStatus(State.STARTING, ""); //$NON-NLS-1$
	public static final UsbStatus LISTING = new UsbStatus(State.LISTING, ""); //$NON-NLS-1$

	public static UsbStatus failed(String reason) {
		return new UsbStatus(State.FAILED, reason);
	}
}
