package org.dfutools.eclipse.core.launch;


import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.save.SaveOperation;
import org.dfutools.eclipse.core.save.SaveSettings;
import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.eclipse.osgi.util.NLS;

/**
 * Runs Save Firmware from Board as one process, as a flash runs: its console holds every step, dfu-util's output
 * and the summary, and Terminate stops it. Nothing is built first: a save reads the board, not the workspace.
 */
public final class DfuSaveLaunchDelegate extends LaunchConfigurationDelegate {

	/** The process type of a save, for consoles and filters. */
	public static final String PROCESS_TYPE = "org.dfutools.eclipse.save"; //$NON-NLS-1$

	@Override
	public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
		return false;
	}

	@Override
	public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
			throws CoreException {
		SaveSettings settings;
		try {
			settings = SaveLaunchConfiguration.read(configuration).parse();
		} catch (OperationException e) {
			throw new CoreException(Status.error(NLS.bind(Messages.DfuSaveLaunch_invalid, e.getMessage())));
		}
		OperationLaunch.run(launch, NLS.bind(Messages.DfuSaveLaunch_label, settings.target().getFileName()), PROCESS_TYPE, (console, operationMonitor) -> new SaveOperation(
				DfuCore.deviceService(), DfuCore.dfuUtilVersions(), DfuPreferences.operationPreferences(), console, settings)
				.execute(operationMonitor).summaryLines(), monitor);
	}
}
