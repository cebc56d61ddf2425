package org.dfutools.eclipse.ui.internal;

import org.dfutools.eclipse.core.internal.Activator;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceLocator;

/** The plugin's own icons (with their @2x variants), found in the bundle. */
public final class Icons {

	private Icons() {
	}

	/** The icon at this bundle path, or the platform's "missing image" when the bundle lacks it. */
	public static ImageDescriptor descriptor(String path) {
		return ResourceLocator.imageDescriptorFromBundle(Activator.PLUGIN_ID, path)
				.orElseGet(ImageDescriptor::getMissingImageDescriptor);
	}
}
