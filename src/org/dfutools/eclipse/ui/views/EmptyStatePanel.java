package org.dfutools.eclipse.ui.views;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** A headline and a wrapped explanation, shown where the view has nothing to list. */
final class EmptyStatePanel extends Composite {

	private final Label title;
	private final Label hint;

	EmptyStatePanel(Composite parent) {
		super(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().margins(12, 12).spacing(0, 8).applyTo(this);
		title = new Label(this, SWT.WRAP);
		title.setFont(JFaceResources.getBannerFont());
		GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(title);
		hint = new Label(this, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(hint);
	}

	void show(EmptyStateText text) {
		title.setText(text.title());
		hint.setText(text.hint());
		layout(true, true);
	}

	String titleText() {
		return title.getText();
	}
}
