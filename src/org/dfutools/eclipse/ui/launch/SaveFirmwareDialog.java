package org.dfutools.eclipse.ui.launch;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.firmware.SavedFirmware;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.save.SaveChecks;
import org.dfutools.eclipse.core.save.SaveSettings;
import org.dfutools.eclipse.core.launch.SaveLaunchConfiguration;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IDialogSettings;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.dfutools.eclipse.core.operation.AltChoice;

/**
 * Asks what Save Firmware from Board reads and where it saves it: the alt setting, the whole writable memory or an
 * address and a length (on DfuSe; on plain DFU everything the bootloader sends, or at most a length), and the file,
 * .dfu or .bin. Every value is checked as it is typed, with the board as it is known (the same checks the save runs),
 * and Save stays disabled while one fails. It does no USB I/O.
 */
public final class SaveFirmwareDialog extends TitleAreaDialog {

	private static final String LAST_FOLDER = "lastFolder"; //$NON-NLS-1$

	private final Board board;
	private final BoardSelector selector;
	private final IDialogSettings settings;
	private final Optional<Boolean> dfuSe;
	private Combo alt;
	private Button whole;
	private Label wholeRange;
	private Button range;
	private Text address;
	private Text length;
	private Text file;
	private SaveLaunchConfiguration.Values values;

	/** @param settings where the dialog remembers the last folder saved to */
	public SaveFirmwareDialog(Shell parent, Board board, List<Board> attached, IDialogSettings settings) {
		super(parent);
		this.board = board;
		this.selector = BoardSelector.of(board, attached);
		this.settings = settings;
		this.dfuSe = AltChoice.speaksDfuSe(board);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.SaveFirmware_title);
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(Messages.SaveFirmware_title);
		setMessage(Messages.SaveFirmware_message);
		Composite form = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
		GridLayoutFactory.swtDefaults().numColumns(3).applyTo(form);

		new Label(form, SWT.NONE).setText(Messages.SaveFirmware_board);
		Label described = new Label(form, SWT.WRAP);
		described.setText(board.describe());
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(560, SWT.DEFAULT).applyTo(described);

		new Label(form, SWT.NONE).setText(Messages.SaveFirmware_alt);
		alt = new Combo(form, SWT.DROP_DOWN);
		List<AltSetting> alts = board.knownDfuMode().map(AltChoice::dfuModeAlts).orElse(List.of());
		alts.forEach(setting -> alt.add(AltChoice.describe(setting)));
		alt.setText(alts.isEmpty() ? "0" : alt.getItem(0)); //$NON-NLS-1$
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(alt);

		boolean plainDfu = dfuSe.equals(Optional.of(Boolean.FALSE));
		whole = new Button(form, SWT.RADIO);
		whole.setText(plainDfu ? Messages.SaveFirmware_everything : Messages.SaveFirmware_whole);
		whole.setSelection(true);
		wholeRange = new Label(form, SWT.NONE);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(wholeRange);

		range = new Button(form, SWT.RADIO);
		range.setText(plainDfu ? Messages.SaveFirmware_atMost : Messages.SaveFirmware_range);
		Composite rangeFields = new Composite(form, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(4).applyTo(rangeFields);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(rangeFields);
		Label addressLabel = new Label(rangeFields, SWT.NONE);
		addressLabel.setText(Messages.SaveFirmware_address);
		address = new Text(rangeFields, SWT.BORDER);
		GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(address);
		addressLabel.setVisible(!plainDfu);
		address.setVisible(!plainDfu);
		new Label(rangeFields, SWT.NONE).setText(Messages.SaveFirmware_length);
		length = new Text(rangeFields, SWT.BORDER);
		GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(length);

		new Label(form, SWT.NONE).setText(Messages.SaveFirmware_file);
		file = new Text(form, SWT.BORDER);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(file);
		file.setText(defaultFile().toString());
		file.setData(DfuFlashMainTab.WIDGET_ID, "file"); //$NON-NLS-1$
		address.setData(DfuFlashMainTab.WIDGET_ID, "address"); //$NON-NLS-1$
		length.setData(DfuFlashMainTab.WIDGET_ID, "length"); //$NON-NLS-1$
		Button browse = new Button(form, SWT.PUSH);
		browse.setText(Messages.SaveFirmware_browse);
		browse.addListener(SWT.Selection, event -> browse());

		alt.addListener(SWT.Modify, event -> validate());
		whole.addListener(SWT.Selection, event -> validate());
		address.addListener(SWT.Modify, event -> validate());
		length.addListener(SWT.Modify, event -> validate());
		file.addListener(SWT.Modify, event -> validate());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, Messages.SaveFirmware_save, true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		validate();
	}

	/** A .dfu in the folder saved to last (else the home folder), named after the board. */
	private Path defaultFile() {
		String last = settings.get(LAST_FOLDER);
		Path folder = last != null && Files.isDirectory(Path.of(last)) ? Path.of(last) : Path.of(System.getProperty("user.home")); //$NON-NLS-1$
		String serial = board.device().serial().isEmpty() ? board.device().location().portPath() : board.device().serial();
		String name = (board.device().displayName() + '-' + serial).replaceAll("[^A-Za-z0-9._-]+", "-"); //$NON-NLS-1$ //$NON-NLS-2$
		// A .dfu names the board's DFU-mode IDs (and a DfuSe board's addresses): it flashes back with nothing typed.
		return folder.resolve(name + SavedFirmware.Format.DFU.extension());
	}

	private void browse() {
		FileDialog dialog = new FileDialog(getShell(), SWT.SAVE);
		dialog.setFilterExtensions(new String[] { "*.dfu", "*.bin" }); //$NON-NLS-1$ //$NON-NLS-2$
		dialog.setFilterNames(new String[] { Messages.SaveFirmware_filterDfu, Messages.SaveFirmware_filterBin });
		try {
			Path current = Path.of(file.getText().strip()).toAbsolutePath();
			if (current.getParent() != null) {
				dialog.setFilterPath(current.getParent().toString());
			}
			dialog.setFileName(current.getFileName() == null ? "" : current.getFileName().toString()); //$NON-NLS-1$
		} catch (InvalidPathException e) {
			// Not a path (the validation says so): the file dialog starts where it likes.
		}
		dialog.setOverwrite(true);
		String chosen = dialog.open();
		if (chosen != null) {
			file.setText(chosen);
		}
	}

	/** The alt setting as dfu-util's {@code -a} takes it: "0 (Internal Flash)" is alt 0. */
	private String altValue() {
		String text = alt.getText().strip();
		return text.matches("\\d+ \\(.*\\)") ? text.substring(0, text.indexOf(' ')) : text; //$NON-NLS-1$
	}

	private void validate() {
		boolean byRange = range.getSelection();
		address.setEnabled(byRange);
		length.setEnabled(byRange);
		values = new SaveLaunchConfiguration.Values(selector, altValue(), byRange ? address.getText() : "", //$NON-NLS-1$
				byRange ? length.getText() : "", file.getText()); //$NON-NLS-1$
		wholeRange.setText(wholeMemory());
		String problem = missingRange(byRange);
		try {
			SaveChecks.check(values.parse(), board);
		} catch (OperationException e) {
			problem = e.getMessage();
		}
		setErrorMessage(problem);
		Button ok = getButton(IDialogConstants.OK_ID);
		if (ok != null) {
			ok.setEnabled(problem == null);
		}
	}

	/**
	 * With "Address and length" (or "At most") chosen, the fields it asks for: left empty they would read the whole
	 * memory, which is the other choice.
	 */
	private String missingRange(boolean byRange) {
		if (!byRange) {
			return null;
		}
		if (address.getVisible() && address.getText().isBlank()) {
			return Messages.SaveFirmware_addressNeeded;
		}
		return length.getText().isBlank() ? Messages.SaveFirmware_lengthNeeded : null;
	}

	/** What "the whole memory" of the alt setting is on this board, as far as it is known. */
	private String wholeMemory() {
		if (dfuSe.equals(Optional.of(Boolean.FALSE))) {
			return Messages.SaveFirmware_untilShort;
		}
		if (board.knownDfuMode().isEmpty()) {
			return Messages.SaveFirmware_notKnownYet;
		}
		SaveSettings wholeAlt = new SaveSettings(selector, altValue(), OptionalLong.empty(), OptionalLong.empty(),
				Path.of(SavedFirmware.Format.DFU.extension()), Duration.ZERO);
		try {
			return String.join(", ", SaveChecks.dfuSeRegions(wholeAlt, board).stream() //$NON-NLS-1$
					.map(region -> Segment.range(region.address(), region.size())).toList());
		} catch (OperationException e) {
			return ""; //$NON-NLS-1$
		}
	}

	@Override
	protected void okPressed() {
		Path target = Path.of(values.file().strip());
		if (Files.exists(target) && !MessageDialog.openQuestion(getShell(), Messages.SaveFirmware_title,
				NLS.bind(Messages.SaveFirmware_replace, target))) {
			return;
		}
		if (target.getParent() != null) {
			settings.put(LAST_FOLDER, target.getParent().toString());
		}
		super.okPressed();
	}

	/** The values to save with, once Save was pressed. */
	public SaveLaunchConfiguration.Values values() {
		return values;
	}
}
