package org.dfutools.eclipse.ui.handlers;

import org.dfutools.eclipse.ui.views.DfuDevicesView;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;

/** Compares the bus with the list now; the rescan itself runs in the background. */
public final class RefreshDevicesHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		if (HandlerUtil.getActivePart(event) instanceof DfuDevicesView view) {
			view.refresh();
		}
		return null;
	}
}
