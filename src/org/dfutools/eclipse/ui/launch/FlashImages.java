package org.dfutools.eclipse.ui.launch;

import org.dfutools.eclipse.core.internal.Activator;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceLocator;

/** The DFU Flash icon (the launch type's, the tab's and the command's). */
final class FlashImages {

	private FlashImages() {
	}

	static ImageDescriptor flash() {
		return ResourceLocator.imageDescriptorFromBundle(Activator.PLUGIN_ID, "icons/dfu_flash.png") //$NON-NLS-1$
				.orElseGet(ImageDescriptor::getMissingImageDescriptor);
	}
}
