package org.dfutools.eclipse.core.serial.jserialcomm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dfutools.eclipse.core.log.CoreLog;
import org.dfutools.eclipse.core.serial.SerialChannel;
import org.dfutools.eclipse.core.serial.SerialPortGoneException;
import org.dfutools.eclipse.core.serial.SerialPortInfo;
import org.dfutools.eclipse.core.serial.SerialPorts;
import org.eclipse.osgi.util.NLS;

import com.fazecast.jSerialComm.SerialPort;

/**
 * The system's serial ports through jSerialComm, which lists them with their USB location, IDs and serial number on
 * Linux (sysfs), Windows and macOS, and carries its native library for each. The only class of the plugin that
 * speaks to jSerialComm, with {@link JSerialCommChannel}.
 */
public final class JSerialCommPorts implements SerialPorts {

	/**
	 * The listed ports by system path, to open the very object the system listed: jSerialComm's lookup by name
	 * resolves the path again, which is what failed to run under the test bench's preload library.
	 */
	private final Map<String, SerialPort> listed = new ConcurrentHashMap<>();

	@Override
	public List<SerialPortInfo> list() {
		SerialPort[] ports;
		try {
			ports = SerialPort.getCommPorts();
		} catch (RuntimeException | LinkageError e) {
			// jSerialComm could not load its native library here: no ports, and one line in the log to say why.
			CoreLog.warn(getClass(), NLS.bind(Messages.JSerialCommPorts_noLibrary, e.toString()), e);
			return List.of();
		}
		List<SerialPortInfo> result = new ArrayList<>(ports.length);
		for (SerialPort port : ports) {
			String path = port.getSystemPortPath();
			listed.put(path, port);
			result.add(new SerialPortInfo(path, usbLocation(port.getPortLocation()), port.getVendorID(),
					port.getProductID(), port.getSerialNumber(), port.getPortDescription()));
		}
		return result;
	}

	/** jSerialComm's location is {@code BUS-PORT.PORT} on USB ({@code 0-0} or empty elsewhere), as dfu-util's -p. */
	private static String usbLocation(String location) {
		return location == null || location.startsWith("0-") ? "" : location; //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public SerialChannel open(SerialPortInfo info, int baud) throws IOException {
		SerialPort port = listed.get(info.systemPath());
		if (port == null) {
			throw new SerialPortGoneException(NLS.bind(Messages.JSerialCommPorts_notListed, info.systemPath()));
		}
		port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
		port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
		port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, JSerialCommChannel.READ_WAIT_MILLIS, 0);
		if (!port.openPort()) {
			throw OpenFailure.of(info.systemPath(), port.getLastErrorCode());
		}
		port.setDTR();
		port.setRTS();
		return new JSerialCommChannel(port);
	}
}
