package org.dfutools.eclipse.core.launch;

import java.util.Map;

import org.dfutools.eclipse.core.DfuCore;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.flash.FlashChain;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.launch.FlashLaunchConfiguration;
import org.dfutools.eclipse.core.flash.FlashException;
import org.dfutools.eclipse.core.flash.FlashReport;
import org.dfutools.eclipse.core.flash.FlashSettings;
import org.dfutools.eclipse.core.internal.ErrorStatus;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.eclipse.osgi.util.NLS;

/**
 * Runs a DFU Flash launch configuration: its values are checked before anything runs, then the flash
 * chain runs in the launch's own job (its progress in the launch's monitor), shown as one process whose
 * console holds every step, dfu-util's output and the summary.
 */
public final class DfuFlashLaunchDelegate extends LaunchConfigurationDelegate {

	/** The process type of a flash chain, for consoles and filters. */
	public static final String PROCESS_TYPE = "org.dfutools.eclipse.flash"; //$NON-NLS-1$

	@Override
	public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
			throws CoreException {
		FlashSettings settings;
		try {
			settings = FlashSettings.parse(FlashLaunchConfiguration.read(configuration), LaunchVariables::resolve);
		} catch (FlashException e) {
			throw new CoreException(Status.error(NLS.bind(Messages.DfuFlashLaunch_invalid, configuration.getName(), e.getMessage())));
		}
		ChainProcess chain = new ChainProcess();
		IProcess process = DebugPlugin.newProcess(launch, chain,
				NLS.bind(Messages.DfuFlashLaunch_label, settings.firmware().getFileName()),
				Map.of(IProcess.ATTR_PROCESS_TYPE, PROCESS_TYPE));
		ChainConsole console = new ChainConsole(chain, process);
		int status = 1;
		try {
			FlashReport report = new FlashChain(DfuCore.deviceService(), DfuCore.dfuUtilVersions(), DfuPreferences.flashTools(), console)
					.run(settings, new Cancellable(SubMonitor.convert(monitor, 1), chain));
			report.summaryLines().forEach(line -> console.out(line + System.lineSeparator()));
			status = 0;
		} catch (FlashException e) {
			console.err(e.getMessage());
			if (e.isCancelled()) {
				status = ChainProcess.CANCELLED;
				return;
			}
			throw new CoreException(ErrorStatus.of(e.getMessage(), e));
		} finally {
			chain.end(status);
		}
	}

	/** The chain's console, which also records each dfu-util command line on the process (its Properties). */
	private static final class ChainConsole implements DfuUtilConsole {
		private final ChainProcess chain;
		private final IProcess process;

		ChainConsole(ChainProcess chain, IProcess process) {
			this.chain = chain;
			this.process = process;
		}

		@Override
		public void out(String text) {
			chain.out(text);
		}

		@Override
		public void err(String line) {
			chain.err(line);
		}

		@Override
		public void commandStarting(DfuUtilCommand command) {
			process.setAttribute(IProcess.ATTR_CMDLINE, command.commandLine());
			DfuUtilConsole.super.commandStarting(command);
		}
	}

	/** The launch's monitor, cancelled also by the process's Terminate button. */
	private static final class Cancellable extends ProgressMonitorWrapper {
		private final ChainProcess chain;

		Cancellable(IProgressMonitor monitor, ChainProcess chain) {
			super(monitor);
			this.chain = chain;
		}

		@Override
		public boolean isCanceled() {
			return chain.cancelRequested() || super.isCanceled();
		}
	}
}
