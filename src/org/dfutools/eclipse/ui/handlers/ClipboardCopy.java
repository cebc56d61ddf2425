package org.dfutools.eclipse.ui.handlers;

import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.handlers.HandlerUtil;

/** Puts text on the clipboard and says so in the status line of the part the command came from. */
final class ClipboardCopy {

	private ClipboardCopy() {
	}

	static void copy(ExecutionEvent event, String text) {
		Clipboard clipboard = new Clipboard(Display.getCurrent());
		try {
			clipboard.setContents(new Object[] { text }, new Transfer[] { TextTransfer.getInstance() });
		} finally {
			clipboard.dispose();
		}
		IWorkbenchPart part = HandlerUtil.getActivePart(event);
		if (part instanceof IViewPart view) {
			String firstLine = text.lines().filter(line -> !line.startsWith("#")).findFirst().orElse(text); //$NON-NLS-1$
			view.getViewSite().getActionBars().getStatusLineManager()
					.setMessage(NLS.bind(Messages.CopyHandler_copied, firstLine));
		}
	}
}
