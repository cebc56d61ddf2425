package org.dfutools.eclipse.ui.handlers;

import java.util.List;
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
import org.eclipse.osgi.util.NLS;
import org.dfutools.eclipse.ui.internal.Messages;

/**
 * "Flash Firmware..." on boards in the DFU Devices view: the DFU Flash configuration made for this board, or for
 * exactly these boards when several are selected (found by their serials, ports or IDs, whatever its name), or a new
 * one named after them, opened in the launch dialog for the firmware file to be chosen or the flash to be run again.
 * A configuration of several boards flashes them all at once.
 */
public final class FlashFirmwareHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		List<Board> boards = SelectedBoard.all(event);
		if (boards.isEmpty()) {
			return null;
		}
		try {
			List<Board> attached = DfuCore.deviceService().registry().boards();
			Optional<ILaunchConfiguration> existing = FlashConfigurations.forBoards(boards, attached);
			ILaunchConfiguration configuration;
			if (existing.isPresent()) {
				configuration = existing.get();
			} else {
				String name = boards.size() == 1 ? FlashConfigurations.nameFor(boards.get(0))
						: NLS.bind(Messages.FlashFirmware_severalName, FlashConfigurations.nameFor(boards.get(0)),
								Integer.valueOf(boards.size() - 1));
				configuration = FlashConfigurations.createFor(name, boards, attached, "").doSave(); //$NON-NLS-1$
			}
			DebugUITools.openLaunchConfigurationDialog(HandlerUtil.getActiveShellChecked(event), configuration,
					IDebugUIConstants.ID_RUN_LAUNCH_GROUP, null);
		} catch (CoreException e) {
			throw new ExecutionException(e.getStatus().getMessage(), e);
		}
		return null;
	}
}
