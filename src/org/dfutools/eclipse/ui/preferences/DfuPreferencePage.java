package org.dfutools.eclipse.ui.preferences;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.core.dfuutil.DfuUtilException;
import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.device.TouchBoards;
import org.dfutools.eclipse.core.dfuutil.DfuUtilLocation;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.FileFieldEditor;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.jface.util.PropertyChangeEvent;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/**
 * DFU Tools preferences: the dfu-util executable (its version shown and checked, off the UI thread), the
 * re-enumeration allowance and the default timeouts.
 */
public final class DfuPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

	private static final Duration VERSION_LIMIT = Duration.ofSeconds(5);

	private FileFieldEditor dfuUtil;
	/** The fields with checks of their own, in the page's order. */
	private final List<StringFieldEditor> checkedFields = new ArrayList<>();
	private Label version;
	private Job versionCheck;
	/** Why the chosen dfu-util cannot be used, once its check has said so; null while it is fine or unchecked. */
	private String dfuUtilProblem;
	/** Whether the chosen dfu-util is being checked: the page cannot be applied with a value not yet known to run. */
	private boolean checking;
	/** The number of the latest check: an older one that ends later says nothing. */
	private int checks;

	public DfuPreferencePage() {
		super(GRID);
		setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, Activator.PLUGIN_ID));
		setDescription(Messages.Preferences_description);
	}

	@Override
	public void init(IWorkbench workbench) {
		// The store is set in the constructor.
	}

	@Override
	protected void createFieldEditors() {
		Composite parent = getFieldEditorParent();
		// Checked as it is typed, not only when the field loses the focus: Apply waits for the check's answer.
		dfuUtil = new FileFieldEditor(DfuPreferences.DFU_UTIL_PATH, Messages.Preferences_dfuUtil, true,
				StringFieldEditor.VALIDATE_ON_KEY_STROKE, parent);
		dfuUtil.setEmptyStringAllowed(true);
		// What a field takes, said in the field: in the labels, it left the path's field too narrow for a path.
		dfuUtil.getTextControl(parent).setMessage(Messages.Preferences_dfuUtilHint);
		((GridData) dfuUtil.getTextControl(parent).getLayoutData()).widthHint = convertWidthInCharsToPixels(36);
		addField(dfuUtil);
		checkedFields.add(dfuUtil);
		version = new Label(parent, SWT.WRAP);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(version);
		checked(integer(DfuPreferences.REENUMERATION_ALLOWANCE_MS, Messages.Preferences_allowance, 60_000, parent));
		checked(integer(DfuPreferences.DFU_UTIL_LIMIT_SECONDS, Messages.Preferences_dfuUtilLimit, 3600, parent));
		checked(integer(DfuPreferences.APPLICATION_TIMEOUT_SECONDS, Messages.Preferences_applicationTimeout, 3600, parent));
		checked(integer(DfuPreferences.PARALLEL_DFU_UTIL, Messages.Preferences_parallelDfuUtil, 64, parent));
		TouchBoardsFieldEditor touchBoards = new TouchBoardsFieldEditor(DfuPreferences.TOUCH_BOARDS, Messages.Preferences_touchBoards, parent);
		touchBoards.getTextControl(parent).setMessage(Messages.Preferences_touchBoardsHint);
		checked(touchBoards);
		Label builtIn = new Label(parent, SWT.WRAP);
		builtIn.setText(NLS.bind(Messages.Preferences_touchBuiltIn, TouchBoards.ARDUINO_MBED.stream().map(Object::toString)
				.collect(Collectors.joining(", ")))); //$NON-NLS-1$
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(builtIn);
	}

	@Override
	protected void initialize() {
		super.initialize();
		checkVersion(dfuUtil.getStringValue());
	}

	@Override
	public void propertyChange(PropertyChangeEvent event) {
		super.propertyChange(event);
		if (event.getSource() == dfuUtil) {
			checkVersion(dfuUtil.getStringValue());
		}
	}

	@Override
	protected void performDefaults() {
		super.performDefaults();
		checkVersion(dfuUtil.getStringValue());
	}

	/**
	 * A field that checks out clears the page's message (JFace's field editors do), even while another field is still
	 * wrong and Apply stays disabled: the message of the first field that is still wrong stays instead.
	 */
	@Override
	public void setErrorMessage(String message) {
		super.setErrorMessage(message != null ? message : stillWrong());
	}

	/** The message of the first field that is wrong, else the chosen dfu-util's problem, else null. */
	private String stillWrong() {
		for (StringFieldEditor field : checkedFields) {
			if (!field.isValid()) {
				return field.getErrorMessage();
			}
		}
		return dfuUtilProblem;
	}

	/**
	 * The fields' own checks, then the chosen dfu-util's: a file that is not dfu-util 0.9 or newer (a typo, another
	 * program) cannot be applied, since every launch would fail on it. An empty field (the bundled dfu-util, else the
	 * PATH's) can be: the line under it says which one that is, and dfu-util may be installed later.
	 */
	@Override
	protected void checkState() {
		super.checkState();
		if (isValid() && (checking || dfuUtilProblem != null)) {
			setValid(false);
		}
		// What is wrong now, or nothing: a message of before (dfu-util's last problem) does not outlive its cause.
		super.setErrorMessage(stillWrong());
	}

	/** Runs "dfu-util -V" in a job (never on the UI thread) and shows what it found. */
	private void checkVersion(String configured) {
		version.setText(Messages.Preferences_checking);
		if (versionCheck != null) {
			versionCheck.cancel();
		}
		boolean chosen = !configured.isBlank();
		int generation = ++checks;
		checking = chosen;
		dfuUtilProblem = null;
		checkState();
		Display display = version.getDisplay();
		versionCheck = Job.create(Messages.Preferences_checkJob, monitor -> {
			String text;
			String problem = null;
			try {
				DfuUtilVersions versions = DfuCore.dfuUtilVersions();
				DfuUtilLocation found = versions.locate(configured);
				text = NLS.bind(Messages.Preferences_version, new Object[] {
						versions.version(found.executable(), VERSION_LIMIT), found.origin().label(), found.executable() });
			} catch (DfuUtilException e) {
				text = e.getMessage();
				problem = chosen ? e.getMessage() : null;
			}
			String shown = text;
			String refused = problem;
			if (!monitor.isCanceled() && !display.isDisposed()) {
				display.asyncExec(() -> {
					if (!version.isDisposed() && generation == checks) {
						version.setText(shown);
						version.getParent().layout(true);
						checking = false;
						dfuUtilProblem = refused;
						checkState();
					}
				});
			}
			return Status.OK_STATUS;
		});
		versionCheck.setSystem(true);
		versionCheck.schedule();
	}

	/** The version line as shown now, for tests. */
	public String versionText() {
		return version.getText();
	}

	private void checked(StringFieldEditor field) {
		addField(field);
		checkedFields.add(field);
	}

	private static IntegerFieldEditor integer(String key, String label, int max, Composite parent) {
		IntegerFieldEditor editor = new IntegerFieldEditor(key, label, parent);
		editor.setValidRange(1, max);
		return editor;
	}
}
