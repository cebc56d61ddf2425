package org.dfutools.eclipse.ui.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Drives modal dialogs from the UI thread: a list of steps, each tried every 50 ms from a display timer
 * (which keeps firing inside the dialogs' own event loops) until it finds what it needs. A step that
 * opens another modal dialog blocks inside its action, so the next step is due before the action runs.
 */
public final class ScriptedDialogs {

	private static final int TICK_MILLIS = 50;
	/** A script that has not finished after this long fails, and closes its dialogs so that the test ends. */
	private static final long LIMIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
	/** After a failure, dialogs are closed until none has opened for this long. */
	private static final long CLOSING_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

	private final Display display;
	private final List<Supplier<Runnable>> steps = new ArrayList<>();
	private int next;
	private AssertionError failure;
	private long started;

	ScriptedDialogs(Display display) {
		this.display = display;
	}

	/** A step: returns the action to run once its precondition holds, or null to be tried again. */
	ScriptedDialogs then(Supplier<Runnable> step) {
		steps.add(step);
		return this;
	}

	void start() {
		started = System.nanoTime();
		display.timerExec(TICK_MILLIS, this::tick);
	}

	boolean done() {
		return next >= steps.size() || failure != null;
	}

	Throwable failure() {
		return failure;
	}

	String position() {
		return "step " + next + " of " + steps.size();
	}

	private void tick() {
		if (done()) {
			return;
		}
		display.timerExec(TICK_MILLIS, this::tick);
		try {
			if (System.nanoTime() - started > LIMIT_NANOS) {
				throw new AssertionError("the dialog script did not get past " + position());
			}
			Runnable action = steps.get(next).get();
			if (action != null) {
				next++;
				action.run();
			}
		} catch (RuntimeException | AssertionError e) {
			failure = new AssertionError(e.getMessage() + "; open shells: " + describeShells(), e);
			try {
				org.dfutools.eclipse.testsupport.Screenshots.save(display, "dialog-script-failure");
			} catch (java.io.IOException notSaved) {
				failure.addSuppressed(notSaved);
			}
			closeDialogs(System.nanoTime());
		}
	}

	/**
	 * Closes every dialog, and goes on closing the ones that open next (a step's action may have been about to
	 * open one) until none has been seen for a while: a failed script must not leave the test blocked in a dialog.
	 */
	private void closeDialogs(long lastSeen) {
		List<Shell> open = dialogs(display);
		open.forEach(Shell::close);
		long seen = open.isEmpty() ? lastSeen : System.nanoTime();
		if (System.nanoTime() - seen < CLOSING_NANOS) {
			display.timerExec(TICK_MILLIS, () -> closeDialogs(seen));
		}
	}

	private String describeShells() {
		StringBuilder shells = new StringBuilder();
		for (Shell shell : display.getShells()) {
			shells.append(shells.length() == 0 ? "" : ", ").append('"').append(shell.getText()).append('"')
					.append(shell.isVisible() ? "" : " (hidden)").append(isWorkbenchWindow(shell) ? " (workbench window)" : "");
		}
		return shells.toString();
	}

	/**
	 * The open dialogs: every visible shell but the workbench windows'. (Not "shells with a parent": a dialog
	 * opened with no active shell, as from a command run by a test, has none.)
	 */
	public static List<Shell> dialogs(Display display) {
		List<Shell> dialogs = new ArrayList<>();
		for (Shell shell : display.getShells()) {
			if (!shell.isDisposed() && shell.isVisible() && !isWorkbenchWindow(shell)) {
				dialogs.add(shell);
			}
		}
		return dialogs;
	}

	private static boolean isWorkbenchWindow(Shell shell) {
		for (IWorkbenchWindow window : PlatformUI.getWorkbench().getWorkbenchWindows()) {
			if (window.getShell() == shell) {
				return true;
			}
		}
		return false;
	}

	static Optional<Shell> shell(Display display, String title) {
		for (Shell shell : display.getShells()) {
			if (!shell.isDisposed() && shell.isVisible() && title.equals(shell.getText())) {
				return Optional.of(shell);
			}
		}
		return Optional.empty();
	}

	/**
	 * A step for the "Select a Board" dialog: once it is open, selects the board with this serial, runs
	 * {@code beforeOk} (a screenshot, say) and presses OK.
	 */
	static Runnable selectBoard(Display display, String serial, Runnable beforeOk) {
		Optional<Table> boards = shell(display, "Select a Board").flatMap(dialog -> find(dialog, Table.class, t -> true));
		if (boards.isEmpty()) {
			return null;
		}
		Table table = boards.get();
		for (int index = 0; index < table.getItemCount(); index++) {
			if (table.getItem(index).getText(3).equals(serial)) {
				int row = index;
				return () -> {
					table.setSelection(row);
					Event event = new Event();
					event.item = table.getItem(row);
					table.notifyListeners(SWT.Selection, event);
					beforeOk.run();
					Button ok = find(table.getShell(), Button.class, b -> "OK".equals(b.getText())).orElseThrow();
					if (!ok.isEnabled()) {
						throw new AssertionError("OK is not enabled with a board selected");
					}
					click(ok);
				};
			}
		}
		return null;
	}

	/** A widget in any open dialog, whatever the dialog's title. */
	static <T extends Widget> Optional<T> findInDialogs(Display display, Class<T> type, Predicate<T> wanted) {
		for (Shell dialog : dialogs(display)) {
			Optional<T> found = find(dialog, type, wanted);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	/** A text field of the DFU Flash tab, by its widget id, in whichever dialog holds the tab. */
	static Optional<Text> dfuFlashText(Display display, String id) {
		return findInDialogs(display, Text.class, t -> id.equals(t.getData(DfuFlashMainTab.WIDGET_ID)));
	}

	/** The launch button of the dialog that holds the DFU Flash tab. */
	static Optional<Button> dfuFlashRunButton(Display display) {
		return dfuFlashText(display, "firmware").flatMap(firmware -> find(firmware.getShell(), Button.class,
				b -> "Run".equals(b.getText().replace("&", ""))));
	}

	@SuppressWarnings("unchecked")
	public static <T extends Widget> Optional<T> find(Control root, Class<T> type, Predicate<T> wanted) {
		if (type.isInstance(root) && wanted.test((T) root)) {
			return Optional.of((T) root);
		}
		if (root instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				Optional<T> found = find(child, type, wanted);
				if (found.isPresent()) {
					return found;
				}
			}
		}
		return Optional.empty();
	}

	/** Every such widget under the root, in the order of the widget tree. */
	@SuppressWarnings("unchecked")
	public static <T extends Widget> List<T> findAll(Control root, Class<T> type, Predicate<T> wanted) {
		List<T> found = new ArrayList<>();
		if (type.isInstance(root) && wanted.test((T) root)) {
			found.add((T) root);
		}
		if (root instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				found.addAll(findAll(child, type, wanted));
			}
		}
		return found;
	}

	public static void click(Widget widget) {
		widget.notifyListeners(SWT.Selection, new Event());
	}
}
