package org.dfutools.eclipse.core.serial.jserialcomm;

import java.io.IOException;

import org.dfutools.eclipse.core.serial.SerialPortGoneException;
import org.eclipse.osgi.util.NLS;

/** What the system's error number for a port means to the person who wanted it open. */
final class OpenFailure {

	private static final int ENOENT = 2;
	private static final int EIO = 5;
	private static final int ENXIO = 6;
	private static final int EACCES = 13;
	private static final int EBUSY = 16;
	private static final int ENODEV = 19;

	private OpenFailure() {
	}

	/** The failure to open the port: {@link SerialPortGoneException} when the port is not there. */
	static IOException of(String path, int errno) {
		String message = NLS.bind(Messages.OpenFailure_cannotOpen, path, reason(errno));
		return gone(errno) ? new SerialPortGoneException(message) : new IOException(message);
	}

	private static boolean gone(int errno) {
		return errno == ENOENT || errno == ENXIO || errno == ENODEV || errno == EIO;
	}

	static String reason(int errno) {
		return switch (errno) {
		case EACCES -> Messages.OpenFailure_permission;
		case EBUSY -> Messages.OpenFailure_busy;
		case ENOENT, ENXIO, ENODEV, EIO -> Messages.OpenFailure_gone;
		default -> NLS.bind(Messages.OpenFailure_other, Integer.valueOf(errno));
		};
	}
}
