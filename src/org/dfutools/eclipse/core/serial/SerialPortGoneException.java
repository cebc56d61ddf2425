package org.dfutools.eclipse.core.serial;

import java.io.IOException;

/** The port is not there (any more): its board left the bus, or the system's list of ports was older than the bus. */
public final class SerialPortGoneException extends IOException {

	private static final long serialVersionUID = 1L;

	public SerialPortGoneException(String message) {
		super(message);
	}
}
