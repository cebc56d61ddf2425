package org.dfutools.eclipse.core.launch;


import org.dfutools.eclipse.core.DfuCore;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.flash.FlashOperation;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.flash.FlashSettings;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.eclipse.osgi.util.NLS;

/**
 * Runs a DFU Flash launch configuration: its values are checked before anything runs, then the flash
 * runs in the launch's own job (its progress in the launch's monitor), shown as one process whose
 * console holds every step, dfu-util's output and the summary. A configuration that names several boards flashes
 * them all at once, one process per board ({@link ParallelFlashLaunch}).
 */
public final class DfuFlashLaunchDelegate extends LaunchConfigurationDelegate {

	/** The process type of a flash process, for consoles and filters. */
	public static final String PROCESS_TYPE = "org.dfutools.eclipse.flash"; //$NON-NLS-1$

	@Override
	public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
			throws CoreException {
		FlashSettings settings;
		try {
			settings = FlashSettings.parse(FlashLaunchConfiguration.read(configuration), LaunchVariables::resolve);
		} catch (OperationException e) {
			throw new CoreException(Status.error(NLS.bind(Messages.DfuFlashLaunch_invalid, configuration.getName(), e.getMessage())));
		}
		if (settings.board().many()) {
			ParallelFlashLaunch.run(launch, settings, PROCESS_TYPE, monitor);
			return;
		}
		OperationLaunch.run(launch, NLS.bind(Messages.DfuFlashLaunch_label, settings.firmware().getFileName()), PROCESS_TYPE, (console, operationMonitor) -> new FlashOperation(
				DfuCore.deviceService(), DfuCore.dfuUtilVersions(), DfuPreferences.operationPreferences(), console, settings)
				.execute(operationMonitor).summaryLines(), monitor);
	}
}
