package org.dfutools.eclipse.ui.preferences;

import org.dfutools.eclipse.core.device.TouchBoards;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.swt.widgets.Composite;

/** The list of boards that enter DFU mode by the 1200-baud touch: VID:PIDs, checked as they are typed. */
final class TouchBoardsFieldEditor extends StringFieldEditor {

	TouchBoardsFieldEditor(String key, String label, Composite parent) {
		super(key, label, StringFieldEditor.UNLIMITED, StringFieldEditor.VALIDATE_ON_KEY_STROKE, parent);
		setEmptyStringAllowed(true);
	}

	@Override
	protected boolean doCheckState() {
		try {
			TouchBoards.parse(getStringValue());
			return true;
		} catch (IllegalArgumentException e) {
			setErrorMessage(e.getMessage());
			return false;
		}
	}
}
