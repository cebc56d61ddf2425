package org.dfutools.eclipse.core.dfuutil;

import java.util.List;

/** Ending an external tool together with whatever it started (a wrapper script in dfu-util's place may). */
public final class ProcessTree {

	private ProcessTree() {
	}

	/**
	 * Kills the process and its descendants at once, without a SIGTERM grace period: dfu-util has no SIGTERM
	 * handler, so both end it alike. The descendants are listed first: once their parent is gone they are
	 * no longer its descendants.
	 */
	public static void kill(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
	}
}
