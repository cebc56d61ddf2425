package org.dfutools.eclipse.ui.views;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.part.ViewPart;

/**
 * Lists the attached USB devices that have a DFU interface. USB is only touched from a background
 * job; results are applied on the UI thread, and only while the view is still alive.
 */
public class DfuDevicesView extends ViewPart {

	public static final String ID = "org.dfutools.eclipse.ui.views.dfuDevices"; //$NON-NLS-1$

	private Display display;
	private EmptyStatePanel emptyState;
	private UsbProbeJob probe;

	@Override
	public void createPartControl(Composite parent) {
		display = parent.getDisplay();
		parent.setLayout(new FillLayout());
		emptyState = new EmptyStatePanel(parent);
		emptyState.show(EmptyStateText.searching());
		probe = new UsbProbeJob(this::applyLater);
		probe.schedule();
	}

	private void applyLater(EmptyStateText text) {
		if (display.isDisposed()) {
			return;
		}
		display.asyncExec(() -> {
			if (!emptyState.isDisposed()) {
				emptyState.show(text);
			}
		});
	}

	@Override
	public void setFocus() {
		emptyState.setFocus();
	}

	@Override
	public void dispose() {
		if (probe != null) {
			probe.cancel();
		}
		super.dispose();
	}

	/** The headline currently shown where the device list will be (for tests). */
	String emptyStateTitle() {
		return emptyState.titleText();
	}

	/** The explanation under the headline (for tests). */
	String emptyStateHint() {
		return emptyState.hintText();
	}

	/** Whether the first look at the bus has been shown (for tests). */
	boolean isProbeShown() {
		return !emptyState.titleText().equals(EmptyStateText.searching().title());
	}
}
