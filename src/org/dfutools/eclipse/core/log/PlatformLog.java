package org.dfutools.eclipse.core.log;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;

/** The IDE's error log, loaded only when the core runs in Eclipse. */
final class PlatformLog {

	private PlatformLog() {
	}

	static void warn(Class<?> from, String message, Throwable cause) {
		Platform.getLog(from).log(Status.warning(message, cause));
	}

	static void error(Class<?> from, Throwable failure) {
		Platform.getLog(from).log(Status.error(failure.toString(), failure));
	}
}
