package org.dfutools.eclipse.ui.handlers;

import java.util.Optional;

import org.dfutools.eclipse.core.DfuCore;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.ui.launch.FlashConfigurations;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * "Flash Firmware..." on a board in the DFU Devices view: the DFU Flash configuration made for this board
 * (found by its serial, port or IDs), or a new one named after it, opened in the launch dialog for the
 * firmware file to be chosen or the flash to be run again.
 */
public final class FlashFirmwareHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		Board board = SelectedBoard.of(event).orElse(null);
		if (board == null) {
			return null;
		}
		try {
			Optional<ILaunchConfiguration> existing = FlashConfigurations.forBoard(board);
			ILaunchConfiguration configuration = existing.isPresent() ? existing.get()
					: FlashConfigurations.createFor(FlashConfigurations.nameFor(board), board,
							DfuCore.deviceService().registry().boards(), "").doSave(); //$NON-NLS-1$
			DebugUITools.openLaunchConfigurationDialog(HandlerUtil.getActiveShellChecked(event), configuration,
					IDebugUIConstants.ID_RUN_LAUNCH_GROUP, null);
		} catch (CoreException e) {
			throw new ExecutionException(e.getStatus().getMessage(), e);
		}
		return null;
	}
}
