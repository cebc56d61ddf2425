package org.dfutools.eclipse.ui.launch;

import java.util.Locale;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.ui.actions.ILaunchable;

/**
 * Makes firmware files launchable, so that Run As appears in their context menu in an Eclipse without a
 * language tooling that does it for every file: the platform offers Run As on what adapts to
 * {@link ILaunchable}, and then lists the shortcuts whose enablement accepts the file (DFU Flash for these).
 */
public final class FirmwareLaunchable implements IAdapterFactory {

	/** The file name endings DFU Flash accepts, as in the launch shortcut's enablement (plugin.xml). */
	public static final Set<String> EXTENSIONS = Set.of("bin", "dfu"); //$NON-NLS-1$ //$NON-NLS-2$

	private static final ILaunchable LAUNCHABLE = new ILaunchable() {
		// a marker: the platform only asks whether there is one
	};

	@Override
	public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
		if (adapterType == ILaunchable.class && adaptable instanceof IFile file && isFirmware(file)) {
			return adapterType.cast(LAUNCHABLE);
		}
		return null;
	}

	@Override
	public Class<?>[] getAdapterList() {
		return new Class<?>[] { ILaunchable.class };
	}

	static boolean isFirmware(IFile file) {
		String extension = file.getFileExtension();
		return extension != null && EXTENSIONS.contains(extension.toLowerCase(Locale.ROOT));
	}
}
