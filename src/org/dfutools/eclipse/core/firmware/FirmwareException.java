package org.dfutools.eclipse.core.firmware;

/** A firmware file cannot be written as it is: unreadable, empty, damaged, or for another device. Said for a person. */
public class FirmwareException extends Exception {

	private static final long serialVersionUID = 1L;

	public FirmwareException(String message) {
		super(message);
	}

	public FirmwareException(String message, Throwable cause) {
		super(message, cause);
	}
}
