package org.dfutools.eclipse.testsupport;

import java.time.Duration;

import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;

/** Runs DFU Flash launch configurations the way the Run menu does, headless, and collects what they show. */
public final class FlashLaunches {

	/**
	 * How a launch ended: its process (null when it failed before starting one), the console's text,
	 * and the error the launch reported (null when none).
	 */
	public record Outcome(ILaunch launch, IProcess process, String output, String errors, CoreException failure) {

		/** The process's exit value. */
		public int exitValue() throws Exception {
			return process.getExitValue();
		}
	}

	private FlashLaunches() {
	}

	/** A new, unsaved DFU Flash configuration with these values. */
	public static ILaunchConfigurationWorkingCopy configuration(String name, FlashConfiguration values)
			throws CoreException {
		ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
		ILaunchConfigurationWorkingCopy copy = manager.getLaunchConfigurationType(FlashConfiguration.TYPE_ID)
				.newInstance(null, manager.generateLaunchConfigurationName(name));
		values.write(copy);
		return copy;
	}

	/** Launches in run mode on this thread, then waits (bounded) until its process has terminated. */
	public static Outcome run(ILaunchConfigurationWorkingCopy configuration, IProgressMonitor monitor, Duration limit)
			throws Exception {
		ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
		int before = manager.getLaunches().length;
		ILaunch launch = null;
		CoreException failure = null;
		try {
			launch = configuration.launch(ILaunchManager.RUN_MODE, monitor);
		} catch (CoreException e) {
			failure = e;
			ILaunch[] launches = manager.getLaunches();
			launch = launches.length > before ? launches[launches.length - 1] : null;
		}
		IProcess process = launch == null || launch.getProcesses().length == 0 ? null : launch.getProcesses()[0];
		if (process == null) {
			return new Outcome(launch, null, "", "", failure);
		}
		long deadline = System.nanoTime() + limit.toNanos();
		while (!process.isTerminated() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		if (!process.isTerminated()) {
			throw new AssertionError("the launch's process did not terminate within " + limit);
		}
		return new Outcome(launch, process, process.getStreamsProxy().getOutputStreamMonitor().getContents(),
				process.getStreamsProxy().getErrorStreamMonitor().getContents(), failure);
	}
}
