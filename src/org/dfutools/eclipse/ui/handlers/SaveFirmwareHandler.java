package org.dfutools.eclipse.ui.handlers;

import java.util.List;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.launch.SaveLaunchConfiguration;
import org.dfutools.eclipse.ui.internal.Messages;
import org.dfutools.eclipse.ui.launch.SaveFirmwareDialog;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.dialogs.IDialogSettings;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.HandlerUtil;
import org.osgi.framework.FrameworkUtil;

/**
 * "Save Firmware from Board..." on a board in the DFU Devices view: asks what to read and where to save it, then
 * runs the save as a launch of its own (a private configuration that is never stored), with a console and Terminate.
 */
public final class SaveFirmwareHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		Board board = SelectedBoard.of(event).orElse(null);
		if (board == null) {
			return null;
		}
		List<Board> attached = DfuCore.deviceService().registry().boards();
		IDialogSettings settings = PlatformUI.getDialogSettingsProvider(FrameworkUtil.getBundle(SaveFirmwareHandler.class))
				.getDialogSettings();
		IDialogSettings section = settings.getSection(SaveFirmwareDialog.class.getSimpleName());
		SaveFirmwareDialog dialog = new SaveFirmwareDialog(HandlerUtil.getActiveShellChecked(event), board, attached,
				section != null ? section : settings.addNewSection(SaveFirmwareDialog.class.getSimpleName()));
		if (dialog.open() != Window.OK) {
			return null;
		}
		try {
			ILaunchConfigurationWorkingCopy run = DebugPlugin.getDefault().getLaunchManager()
					.getLaunchConfigurationType(SaveLaunchConfiguration.TYPE_ID)
					.newInstance(null, NLS.bind(Messages.SaveFirmware_launchName, board.device().displayName()));
			SaveLaunchConfiguration.write(dialog.values(), run);
			// Not in the launch history or the Run menu: a save is started from its board.
			run.setAttribute(ILaunchManager.ATTR_PRIVATE, true);
			DebugUITools.launch(run, ILaunchManager.RUN_MODE);
		} catch (CoreException e) {
			throw new ExecutionException(e.getStatus().getMessage(), e);
		}
		return null;
	}
}
