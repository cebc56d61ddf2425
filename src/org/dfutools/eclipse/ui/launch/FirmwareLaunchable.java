package org.dfutools.eclipse.ui.launch;

import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.ui.actions.ILaunchable;

/**
 * Makes firmware files launchable, so that Run As appears in their context menu in an Eclipse without a
 * language tooling that does it for every file: the platform offers Run As on what adapts to
 * {@link ILaunchable}, and then lists the shortcuts whose enablement accepts the file (DFU Flash for these).
 */
public final class FirmwareLaunchable implements IAdapterFactory {

	private static final ILaunchable LAUNCHABLE = new ILaunchable() {
		// a marker: the platform only asks whether there is one
	};

	@Override
	public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
		// The same endings as the launch shortcut's enablement in plugin.xml.
		if (adapterType == ILaunchable.class && adaptable instanceof IFile file && FirmwareFiles.hasFirmwareName(file.getName())) {
			return adapterType.cast(LAUNCHABLE);
		}
		return null;
	}

	@Override
	public Class<?>[] getAdapterList() {
		return new Class<?>[] { ILaunchable.class };
	}
}
