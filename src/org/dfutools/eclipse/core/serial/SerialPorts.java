package org.dfutools.eclipse.core.serial;

import java.io.IOException;
import java.util.List;

/**
 * The system's serial ports, as the core sees them: the only way it lists or opens one. The plugin's is
 * {@code jserialcomm.JSerialCommPorts}; tests may give a fake.
 */
public interface SerialPorts {

	/** The ports the system lists now; empty when it lists none or cannot list them. */
	List<SerialPortInfo> list();

	/**
	 * Opens the port at the baud rate, 8 data bits, no parity, one stop bit, with DTR raised (a CDC ACM board takes
	 * that as a terminal being there).
	 *
	 * @throws IOException with the system's reason when it cannot be opened (busy, no permission, gone)
	 */
	SerialChannel open(SerialPortInfo port, int baud) throws IOException;
}
