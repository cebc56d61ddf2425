package org.dfutools.eclipse.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.launch.FlashLaunchConfiguration;
import org.dfutools.eclipse.core.launch.SaveLaunchConfiguration;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
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
		ILaunchConfigurationWorkingCopy copy = manager.getLaunchConfigurationType(FlashLaunchConfiguration.TYPE_ID)
				.newInstance(null, manager.generateLaunchConfigurationName(name));
		FlashLaunchConfiguration.write(values, copy);
		return copy;
	}

	/** A Save Firmware from Board run with these values, as the view's command makes it (private, never stored). */
	public static ILaunchConfigurationWorkingCopy save(SaveLaunchConfiguration.Values values) throws CoreException {
		ILaunchConfigurationWorkingCopy copy = DebugPlugin.getDefault().getLaunchManager()
				.getLaunchConfigurationType(SaveLaunchConfiguration.TYPE_ID).newInstance(null, "save");
		SaveLaunchConfiguration.write(values, copy);
		copy.setAttribute(ILaunchManager.ATTR_PRIVATE, true);
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
		awaitTermination(process, limit);
		return new Outcome(launch, process, process.getStreamsProxy().getOutputStreamMonitor().getContents(),
				process.getStreamsProxy().getErrorStreamMonitor().getContents(), failure);
	}

	/** The process of the launch of the configuration with this name, once the launch has started one. */
	public static Optional<IProcess> processOf(String configurationName) {
		for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
			if (launch.getLaunchConfiguration() != null && launch.getLaunchConfiguration().getName().equals(configurationName)
					&& launch.getProcesses().length > 0) {
				return Optional.of(launch.getProcesses()[0]);
			}
		}
		return Optional.empty();
	}

	/** Waits for the process's TERMINATE event (it may have been sent already), at most {@code limit}. */
	public static void awaitTermination(IProcess process, Duration limit) throws InterruptedException {
		CountDownLatch terminated = new CountDownLatch(1);
		IDebugEventSetListener listener = events -> {
			for (DebugEvent event : events) {
				if (event.getKind() == DebugEvent.TERMINATE && event.getSource() == process) {
					terminated.countDown();
				}
			}
		};
		DebugPlugin.getDefault().addDebugEventListener(listener);
		try {
			if (!process.isTerminated() && !terminated.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("the launch's process did not terminate within " + limit);
			}
		} finally {
			DebugPlugin.getDefault().removeDebugEventListener(listener);
		}
	}
}
