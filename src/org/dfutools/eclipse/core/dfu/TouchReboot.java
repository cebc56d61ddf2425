package org.dfutools.eclipse.core.dfu;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfu.DetachException.Reason;
import org.dfutools.eclipse.core.serial.BoardSerialPort;
import org.dfutools.eclipse.core.serial.SerialChannel;
import org.dfutools.eclipse.core.serial.SerialPortInfo;
import org.dfutools.eclipse.core.serial.SerialPorts;
import org.eclipse.osgi.util.NLS;

/**
 * The 1200-baud touch: the board's serial port opened at 1200 baud and closed. A board whose firmware watches for it
 * (the Arduino cores: the line coding set to 1200 baud, then DTR dropped) starts its bootloader.
 */
final class TouchReboot {

	/** The baud rate the firmware watches for. */
	static final int TOUCH_BAUD = 1200;
	/**
	 * How long after the touch the board may take to leave the bus. Arduino's cores reset a few hundred milliseconds
	 * after DTR drops; a board still there after this ignored the touch.
	 */
	static final Duration LEAVE_WITHIN = Duration.ofSeconds(3);

	private TouchReboot() {
	}

	/**
	 * Touches the board's port.
	 *
	 * @return the port touched, for messages
	 * @throws DetachException when the board shows no port, or the port cannot be opened
	 */
	static String touch(SerialPorts ports, Board board) throws DetachException {
		List<SerialPortInfo> listed = ports.list();
		SerialPortInfo port = BoardSerialPort.of(board.device(), listed).orElseThrow(() -> new DetachException(
				Reason.USB_ERROR, NLS.bind(Messages.TouchReboot_noPort, board.label(), Integer.valueOf(listed.size()))));
		try (SerialChannel touched = ports.open(port, TOUCH_BAUD)) {
			// Closing drops DTR at 1200 baud: the touch.
		} catch (IOException e) {
			throw new DetachException(Reason.USB_ERROR, NLS.bind(Messages.TouchReboot_failed, port.systemPath(), e.getMessage()), e);
		}
		return port.systemPath();
	}
}
