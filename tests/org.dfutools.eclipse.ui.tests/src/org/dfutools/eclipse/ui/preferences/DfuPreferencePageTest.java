package org.dfutools.eclipse.ui.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.testsupport.Screenshots;
import org.dfutools.eclipse.testsupport.UiWait;
import org.dfutools.eclipse.ui.launch.ScriptedDialogs;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.DialogPage;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
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
		PreferenceDialog dialog = openPage();
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
			// Wide enough for a path (what an empty field means, said in the label, once squeezed it to a few letters).
			GC gc = new GC(path);
			int aPath;
			try {
				aPath = gc.textExtent("/usr/local/bin/dfu-util").x;
			} finally {
				gc.dispose();
			}
			assertTrue(path.getSize().x >= aPath, "the dfu-util field is " + path.getSize().x + " px wide, a path " + aPath);
			type(path, "/nonexistent/dfu-util");
			// The field editor's own check (an existing file) says so first.
			assertTrue(UiWait.until(display, LIMIT, () -> !apply.isEnabled() && page(dialog).getErrorMessage() != null));
			Path real = Path.of("/usr/bin/dfu-util");
			assertTrue(Files.isExecutable(real), "the test needs the real dfu-util");
			type(path, real.toString());
			assertTrue(UiWait.until(display, LIMIT, apply::isEnabled), () -> "not applicable with the real dfu-util: "
					+ page(dialog).getErrorMessage());
			assertEquals(null, page(dialog).getErrorMessage(), "a message of before outlived its cause");
			DfuPreferencePage shown = (DfuPreferencePage) page(dialog);
			assertTrue(UiWait.until(display, LIMIT, () -> shown.versionText().equals("dfu-util 0.11 (chosen in the preferences) at " + real)),
					shown::versionText);
			// Empty is the plugin's own dfu-util (else the PATH's): it may always be applied.
			type(path, "");
			assertTrue(UiWait.until(display, LIMIT, apply::isEnabled));
			assertTrue(UiWait.until(display, LIMIT, () -> shown.versionText().startsWith("dfu-util 0.11 (bundled with DFU Tools) at ")
					&& shown.versionText().contains("org.dfutools.eclipse.dfuutil.linux.x86_64")), shown::versionText);
			UiWait.settle(display, Duration.ofMillis(300));
			Screenshots.save(display, "preferences-bundled-dfu-util");
		} finally {
			dialog.close();
			InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID).remove(DfuPreferences.DFU_UTIL_PATH);
		}
		assertEquals("", InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID).get(DfuPreferences.DFU_UTIL_PATH, ""));
	}

	/**
	 * The boards that enter DFU mode by the 1200-baud touch: a list that is not VID:PIDs cannot be applied and names the
	 * entry; a good one, applied, reaches the plugin's registry (through its preference listener).
	 */
	@Test
	void touchBoardsAreCheckedAsTypedAndReachTheRegistry() throws Exception {
		Display display = Display.getCurrent();
		PreferenceDialog dialog = openPage();
		try {
			// The touch boards are the page's last text field.
			List<Text> fields = ScriptedDialogs.findAll(page(dialog).getControl(), Text.class, Text::getEditable);
			Text touch = fields.get(fields.size() - 1);
			Button apply = button(dialog, "Apply and Close");
			type(touch, "1209:0022, portenta");
			assertTrue(UiWait.until(display, LIMIT, () -> !apply.isEnabled() && String.valueOf(page(dialog).getErrorMessage())
					.contains("\"portenta\" is not a USB ID")), () -> "applicable: " + page(dialog).getErrorMessage());
			UiWait.settle(display, Duration.ofMillis(300));
			assertTrue(String.valueOf(page(dialog).getErrorMessage()).contains("\"portenta\" is not a USB ID"),
					() -> "the page no longer says why: " + page(dialog).getErrorMessage());
			Screenshots.save(display, "preferences-touch-boards-refused");
			type(touch, "1209:0022, 2341:0266");
			assertTrue(UiWait.until(display, LIMIT, apply::isEnabled), () -> "not applicable: " + page(dialog).getErrorMessage());
			ScriptedDialogs.click(apply);
			assertTrue(UiWait.until(display, LIMIT, () -> DfuCore.deviceService().registryWithoutStarting().touchBoards()
					.contains(new UsbId(0x2341, 0x0266))), "the registry did not hear of the preference");
			assertTrue(DfuCore.deviceService().registryWithoutStarting().touchBoards().contains(new UsbId(0x2341, 0x025b)),
					"the built-in boards stay");
		} finally {
			if (dialog.getShell() != null) {
				dialog.close();
			}
			InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID).remove(DfuPreferences.TOUCH_BOARDS);
		}
		assertTrue(UiWait.until(display, LIMIT, () -> !DfuCore.deviceService().registryWithoutStarting().touchBoards()
				.contains(new UsbId(0x1209, 0x0022))), "the registry kept a removed touch board");
	}

	/** Puts the text in the field as typing does: the field editor hears of it when a key is released. */
	private static void type(Text field, String text) {
		field.setText(text);
		Event release = new Event();
		release.character = text.isEmpty() ? '\b' : text.charAt(text.length() - 1);
		field.notifyListeners(SWT.KeyUp, release);
	}

	/** The preference dialog on the plugin's page, open without blocking. */
	private static PreferenceDialog openPage() {
		PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(
				PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), PAGE, new String[] { PAGE }, null);
		dialog.setBlockOnOpen(false);
		dialog.open();
		return dialog;
	}

	private static DialogPage page(PreferenceDialog dialog) {
		return (DialogPage) dialog.getSelectedPage();
	}

	private static Button button(PreferenceDialog dialog, String label) {
		return ScriptedDialogs.find(dialog.getShell(), Button.class, b -> label.equals(b.getText().replace("&", ""))).orElseThrow(
				() -> new AssertionError("no button " + label));
	}
}
