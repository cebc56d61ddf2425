package org.dfutools.eclipse.ui.views;

import java.util.EnumMap;
import java.util.Map;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.ui.internal.Icons;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.resource.ResourceManager;
import org.eclipse.jface.viewers.DecorationOverlayIcon;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Control;

/**
 * One icon per mode, with a warning decoration when the board has problems, greyed while it is off the bus
 * re-enumerating; freed with the control.
 */
public final class BoardImages {

	private final ResourceManager resources;
	private final Map<DeviceMode, ImageDescriptor> modeIcons = new EnumMap<>(DeviceMode.class);
	private final ImageDescriptor warning;

	public BoardImages(Control owner) {
		resources = new LocalResourceManager(org.eclipse.jface.resource.JFaceResources.getResources(), owner);
		modeIcons.put(DeviceMode.RUNTIME, Icons.descriptor("icons/mode_runtime.png")); //$NON-NLS-1$
		modeIcons.put(DeviceMode.DFU, Icons.descriptor("icons/mode_dfu.png")); //$NON-NLS-1$
		modeIcons.put(DeviceMode.DFUSE, Icons.descriptor("icons/mode_dfuse.png")); //$NON-NLS-1$
		// Our own overlay: the platform's warning decoration is an SVG, which not every runtime can render.
		warning = Icons.descriptor("icons/warning_ovr.png"); //$NON-NLS-1$
	}

	Image imageOf(Board board) {
		ImageDescriptor base = modeIcons.get(board.mode());
		if (!board.device().problems().isEmpty()) {
			base = new DecorationOverlayIcon(base, warning, IDecoration.BOTTOM_LEFT);
		}
		if (board.reenumerating()) {
			base = ImageDescriptor.createWithFlags(base, SWT.IMAGE_GRAY);
		}
		return resources.createImage(base);
	}
}
