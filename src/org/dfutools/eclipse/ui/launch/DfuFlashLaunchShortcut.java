package org.dfutools.eclipse.ui.launch;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.DfuDeviceService;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.dfutools.eclipse.core.device.UsbStart;

/**
 * Run As &gt; DFU Flash on a .bin or .dfu file: runs the configuration that flashes this file, or makes
 * one (for the one attached board, else the board chosen in the Select dialog) and runs it.
 */
public final class DfuFlashLaunchShortcut implements ILaunchShortcut {

	@Override
	public void launch(ISelection selection, String mode) {
		if (selection instanceof IStructuredSelection structured) {
			IFile file = Adapters.adapt(structured.getFirstElement(), IFile.class);
			if (file != null) {
				launch(file, mode);
			}
		}
	}

	@Override
	public void launch(IEditorPart editor, String mode) {
		IFile file = Adapters.adapt(editor.getEditorInput(), IFile.class);
		if (file != null) {
			launch(file, mode);
		}
	}

	private static void launch(IFile file, String mode) {
		String firmware = FlashConfigurations.workspacePath(file);
		try {
			List<ILaunchConfiguration> existing = FlashConfigurations.forFirmware(firmware);
			if (!existing.isEmpty()) {
				DebugUITools.launch(existing.get(0), mode);
				return;
			}
			Optional<Board> board = chooseBoard();
			if (board.isEmpty()) {
				return;
			}
			List<Board> attached = DfuCore.deviceService().registry().boards();
			ILaunchConfiguration created = FlashConfigurations.createFor(file.getName(), board.get(), attached, firmware).doSave();
			DebugUITools.launch(created, mode);
		} catch (CoreException e) {
			ErrorDialog.openError(PlatformUI.getWorkbench().getModalDialogShellProvider().getShell(),
					Messages.FlashShortcut_title, null, e.getStatus());
		}
	}

	/**
	 * The one attached board, or the one the user picks among several (none when cancelled). When USB is still
	 * starting (this is its first use), the first listing is waited for, so that "the one board" is not a guess.
	 */
	private static Optional<Board> chooseBoard() {
		DfuDeviceService service = DfuCore.deviceService();
		DeviceRegistry registry = service.registry();
		if (registry.usbStatus().state() == UsbStatus.State.STARTING) {
			try {
				PlatformUI.getWorkbench().getProgressService().busyCursorWhile(monitor -> {
					monitor.beginTask(Messages.FlashShortcut_waitingForUsb, IProgressMonitor.UNKNOWN);
					UsbStart.await(registry, DeviceRegistry.START_LIMIT, monitor);
				});
			} catch (InvocationTargetException e) {
				throw new IllegalStateException(e.getCause());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
		}
		List<Board> attached = registry.boards().stream().filter(Board::attached).toList();
		if (attached.size() == 1) {
			return Optional.of(attached.get(0));
		}
		BoardSelectionDialog dialog = new BoardSelectionDialog(
				PlatformUI.getWorkbench().getModalDialogShellProvider().getShell(), service, null);
		return dialog.open() == Window.OK ? dialog.chosen() : Optional.empty();
	}
}
