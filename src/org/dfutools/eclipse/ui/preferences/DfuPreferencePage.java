package org.dfutools.eclipse.ui.preferences;

import java.time.Duration;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.core.dfuutil.DfuUtilException;
import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.dfuutil.DfuUtilTool;
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
		addField(dfuUtil);
		version = new Label(parent, SWT.WRAP);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(version);
		addField(integer(DfuPreferences.REENUMERATION_ALLOWANCE_MS, Messages.Preferences_allowance, 60_000, parent));
		addField(integer(DfuPreferences.DFU_UTIL_LIMIT_SECONDS, Messages.Preferences_dfuUtilLimit, 3600, parent));
		addField(integer(DfuPreferences.APPLICATION_TIMEOUT_SECONDS, Messages.Preferences_applicationTimeout, 3600, parent));
		addField(integer(DfuPreferences.PARALLEL_DFU_UTIL, Messages.Preferences_parallelDfuUtil, 64, parent));
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
	 * The fields' own checks, then the chosen dfu-util's: a file that is not dfu-util 0.9 or newer (a typo, another
	 * program) cannot be applied, since every launch would fail on it. An empty field (dfu-util from the PATH) can be:
	 * the message says what the PATH holds, and dfu-util may be installed later.
	 */
	@Override
	protected void checkState() {
		super.checkState();
		if (isValid() && (checking || dfuUtilProblem != null)) {
			setValid(false);
			if (dfuUtilProblem != null) {
				setErrorMessage(dfuUtilProblem);
			}
		}
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
				var executable = DfuUtilTool.locate(configured);
				text = NLS.bind(Messages.Preferences_version, DfuCore.dfuUtilVersions().version(executable, VERSION_LIMIT), executable);
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

	private static IntegerFieldEditor integer(String key, String label, int max, Composite parent) {
		IntegerFieldEditor editor = new IntegerFieldEditor(key, label, parent);
		editor.setValidRange(1, max);
		return editor;
	}
}
