package org.dfutools.eclipse.ui.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.ui.launch.ScriptedDialogs;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.DialogPage;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;

/**
 * The DFU Tools preference page in the workbench's Preferences dialog: a dfu-util executable that is not dfu-util
 * (another program, a typo) cannot be applied, since every launch would fail on it; the real one can.
 */
class DfuPreferencePageTest {

	private static final Duration LIMIT = Duration.ofSeconds(15);
	private static final String PAGE = "org.dfutools.eclipse.ui.preferences";

	@Test
	void anExecutableThatIsNotDfuUtilCannotBeApplied() throws Exception {
		Display display = Display.getCurrent();
		PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(
				PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), PAGE, new String[] { PAGE }, null);
		dialog.setBlockOnOpen(false);
		dialog.open();
		try {
			// The page's first field is the dfu-util executable.
			Text path = ScriptedDialogs.find(page(dialog).getControl(), Text.class, Text::getEditable).orElseThrow();
			Button apply = button(dialog, "Apply and Close");
			type(path, "/bin/echo");
			assertTrue(UiWait.until(display, LIMIT, () -> !apply.isEnabled() && String.valueOf(page(dialog).getErrorMessage())
					.contains("does not look like dfu-util")), () -> "applicable with /bin/echo: " + page(dialog).getErrorMessage() + "; the version line: "
					+ ((DfuPreferencePage) page(dialog)).versionText() + "; Apply and Close enabled: " + apply.isEnabled());
			UiWait.settle(display, Duration.ofMillis(300)); // the message and the version line painted
			Screenshots.save(display, "preferences-not-dfu-util");
			type(path, "/nonexistent/dfu-util");
			// The field editor's own check (an existing file) says so first.
			assertTrue(UiWait.until(display, LIMIT, () -> !apply.isEnabled() && page(dialog).getErrorMessage() != null));
			Path real = Path.of("/usr/bin/dfu-util");
			assertTrue(Files.isExecutable(real), "the test needs the real dfu-util");
			type(path, real.toString());
			assertTrue(UiWait.until(display, LIMIT, apply::isEnabled), () -> "not applicable with the real dfu-util: "
					+ page(dialog).getErrorMessage());
			// Empty is dfu-util from the PATH: it may always be applied, whatever the PATH holds now.
			type(path, "");
			assertTrue(UiWait.until(display, LIMIT, apply::isEnabled));
		} finally {
			dialog.close();
			InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID).remove(DfuPreferences.DFU_UTIL_PATH);
		}
		assertEquals("", InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID).get(DfuPreferences.DFU_UTIL_PATH, ""));
	}

	/** Puts the text in the field as typing does: the field editor hears of it when a key is released. */
	private static void type(Text field, String text) {
		field.setText(text);
		Event release = new Event();
		release.character = text.isEmpty() ? '\b' : text.charAt(text.length() - 1);
		field.notifyListeners(SWT.KeyUp, release);
	}

	private static DialogPage page(PreferenceDialog dialog) {
		return (DialogPage) dialog.getSelectedPage();
	}

	private static Button button(PreferenceDialog dialog, String label) {
		return ScriptedDialogs.find(dialog.getShell(), Button.class, b -> label.equals(b.getText().replace("&", ""))).orElseThrow(
				() -> new AssertionError("no button " + label));
	}
}
