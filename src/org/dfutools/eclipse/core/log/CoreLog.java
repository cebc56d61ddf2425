package org.dfutools.eclipse.core.log;

import java.lang.System.Logger.Level;

import org.osgi.framework.FrameworkUtil;

/**
 * Where the core reports what it cannot hand to a caller (a listener that threw, a warning from libusb): the IDE's
 * error log when the core runs in Eclipse, else the JDK's logger (the command line). Only {@link PlatformLog} knows the
 * platform, so the core runs on plain Java without it.
 */
public final class CoreLog {

	private CoreLog() {
	}

	public static void warn(Class<?> from, String message) {
		warn(from, message, null);
	}

	public static void warn(Class<?> from, String message, Throwable cause) {
		if (inOsgi(from)) {
			PlatformLog.warn(from, message, cause);
		} else {
			System.getLogger(from.getName()).log(Level.WARNING, message, cause);
		}
	}

	/** A failure nobody called for: the throwable itself is the message. */
	public static void error(Class<?> from, Throwable failure) {
		if (inOsgi(from)) {
			PlatformLog.error(from, failure);
		} else {
			System.getLogger(from.getName()).log(Level.ERROR, failure.toString(), failure);
		}
	}

	private static boolean inOsgi(Class<?> from) {
		try {
			return FrameworkUtil.getBundle(from) != null;
		} catch (LinkageError e) {
			return false; // no OSGi framework classes at all
		}
	}
}
