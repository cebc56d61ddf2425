package org.dfutools.eclipse.ui.launch;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.dfutools.eclipse.core.DfuCore;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.flash.FlashChecks;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.launch.FlashLaunchConfiguration;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.flash.FlashSettings;
import org.dfutools.eclipse.core.launch.LaunchVariables;
import org.dfutools.eclipse.ui.internal.BoardsFollower;
import org.dfutools.eclipse.ui.internal.Icons;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.debug.ui.StringVariableSelectionDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ElementTreeSelectionDialog;
import org.eclipse.ui.model.WorkbenchContentProvider;
import org.eclipse.ui.model.WorkbenchLabelProvider;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.dfutools.eclipse.core.operation.AltChoice;

/**
 * The DFU Flash tab: which board, which file, the dfu-util options, and what happens after. Every value
 * is checked with the same rules the launch applies, so a bad value shows here before anything runs.
 */
public final class DfuFlashMainTab extends AbstractLaunchConfigurationTab {

	/** Key of {@code Widget.getData(String)} naming the tab's controls, for tests that drive the dialog. */
	public static final String WIDGET_ID = "org.dfutools.eclipse.widgetId"; //$NON-NLS-1$
	/** The width the "attached now" line asks for; it wraps at whatever width the dialog gives it. */
	private static final int BOARD_LINE_WIDTH = 300;
	/** The width a field asks for (its hint text would ask for more); fields grow with the dialog. */
	private static final int FIELD_WIDTH = 120;

	private static final BoardSelector.Kind[] KINDS = { BoardSelector.Kind.SERIAL, BoardSelector.Kind.PORT,
			BoardSelector.Kind.USB_ID, BoardSelector.Kind.EVERY_WITH_ID };

	private Combo boardKind;
	/** The kind of value the board field holds now, to translate it when "Identify by" changes. */
	private BoardSelector.Kind shownKind = BoardSelector.Kind.SERIAL;
	private Text boardValue;
	private Label boardNow;
	private Text firmware;
	/** What a build output holds (segments, entry point), as soon as it is chosen. */
	private Label firmwareHolds;
	private Combo alt;
	private Text dfuseAddress;
	private Text transferSize;
	private Text extraArguments;
	private Button waitForApplication;
	private Text applicationTimeout;
	private Button verify;
	private Image image;
	private final DialogFirmware checkedFirmware = new DialogFirmware();

	@Override
	public void createControl(Composite parent) {
		// The dialog opens smaller than this tab on small screens: scroll rather than cut the last groups off.
		ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
		scroll.setExpandHorizontal(true);
		scroll.setExpandVertical(true);
		Composite top = new Composite(scroll, SWT.NONE);
		GridLayoutFactory.swtDefaults().margins(5, 0).applyTo(top);
		scroll.setContent(top);
		setControl(scroll);
		createBoardGroup(top);
		createFirmwareGroup(top);
		createOptionsGroup(top);
		createAfterGroup(top);
		scroll.setMinSize(top.computeSize(SWT.DEFAULT, SWT.DEFAULT));
		// The attached-board line and the checks follow hotplug and the first listing.
		BoardsFollower.follow(DfuCore.deviceService().registry(), scroll, () -> {
			if (!boardNow.isDisposed()) {
				changed();
			}
		});
	}

	private void createBoardGroup(Composite top) {
		Group group = group(top, Messages.FlashTab_board, 4);
		new Label(group, SWT.NONE).setText(Messages.FlashTab_identifyBy);
		boardKind = new Combo(group, SWT.READ_ONLY);
		boardKind.setItems(Messages.FlashTab_bySerial, Messages.FlashTab_byPort, Messages.FlashTab_byId, Messages.FlashTab_everyWithId);
		boardKind.addModifyListener(event -> changed());
		boardKind.addListener(SWT.Selection, event -> kindSwitched());
		boardValue = text(group, "boardValue", 1); //$NON-NLS-1$
		Button select = button(group, Messages.FlashTab_select, "selectBoard"); //$NON-NLS-1$
		select.addListener(SWT.Selection, event -> selectBoard());
		// One line always: the tab keeps its height whatever the line says; the tooltip holds all of it.
		boardNow = new Label(group, SWT.NONE);
		GridDataFactory.fillDefaults().span(4, 1).grab(true, false).hint(BOARD_LINE_WIDTH, SWT.DEFAULT).applyTo(boardNow);
	}

	private void createFirmwareGroup(Composite top) {
		Group group = group(top, Messages.FlashTab_firmware, 4);
		firmware = text(group, "firmware", 4); //$NON-NLS-1$
		// What the file holds, two lines always, beside the buttons: the tab fits the dialog's first size.
		firmwareHolds = new Label(group, SWT.WRAP);
		firmwareHolds.setData(WIDGET_ID, "firmwareHolds"); //$NON-NLS-1$
		firmwareHolds.setText(" \n "); //$NON-NLS-1$
		int twoLines = firmwareHolds.computeSize(SWT.DEFAULT, SWT.DEFAULT).y;
		firmwareHolds.setText(""); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(BOARD_LINE_WIDTH, twoLines).applyTo(firmwareHolds);
		button(group, Messages.FlashTab_workspace, "workspace").addListener(SWT.Selection, event -> browseWorkspace()); //$NON-NLS-1$
		button(group, Messages.FlashTab_fileSystem, "fileSystem").addListener(SWT.Selection, event -> browseFiles()); //$NON-NLS-1$
		button(group, Messages.FlashTab_variables, "variables").addListener(SWT.Selection, event -> insertVariable()); //$NON-NLS-1$
	}

	/** The line under the firmware file: what a build output holds, and how it fits the board when it is known. */
	private void showWhatTheFileHolds(Optional<FirmwareImage> image, Optional<Board> board) {
		String text = image.flatMap(FirmwareImage::segments).map(segments -> {
			if (board.isEmpty()) {
				return NLS.bind(Messages.FlashTab_holds, segments.describe());
			}
			String name = board.get().device().displayName();
			// A plain DFU bootloader takes one image: say where it starts and how large it is.
			return AltChoice.speaksDfuSe(board.get()).equals(Optional.of(Boolean.FALSE))
					? NLS.bind(Messages.FlashTab_holdsForPlainBoard, new Object[] { segments.describe(), name,
							Segment.hex(segments.lowest()), Long.valueOf(segments.end() - segments.lowest()) })
					: NLS.bind(Messages.FlashTab_holdsForBoard, segments.describe(), name);
		}).orElse(""); //$NON-NLS-1$
		if (!firmwareHolds.isDisposed() && !text.equals(firmwareHolds.getText())) {
			firmwareHolds.setText(text);
			firmwareHolds.setToolTipText(text);
		}
	}

	private void createOptionsGroup(Composite top) {
		// Two fields a row: the tab fits the dialog's usual height.
		Group group = group(top, Messages.FlashTab_options, 4);
		new Label(group, SWT.NONE).setText(Messages.FlashTab_alt);
		alt = new Combo(group, SWT.DROP_DOWN);
		alt.setData(WIDGET_ID, "alt"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(FIELD_WIDTH, SWT.DEFAULT).applyTo(alt);
		alt.addModifyListener(event -> changed());
		new Label(group, SWT.NONE).setText(Messages.FlashTab_dfuseAddress);
		dfuseAddress = text(group, "dfuseAddress", 1); //$NON-NLS-1$
		dfuseAddress.setMessage(Messages.FlashTab_dfuseAddressHint);
		new Label(group, SWT.NONE).setText(Messages.FlashTab_transferSize);
		transferSize = text(group, "transferSize", 1); //$NON-NLS-1$
		transferSize.setMessage(Messages.FlashTab_transferSizeHint);
		new Label(group, SWT.NONE).setText(Messages.FlashTab_extraArguments);
		extraArguments = text(group, "extraArguments", 1); //$NON-NLS-1$
		extraArguments.setMessage(Messages.FlashTab_extraArgumentsHint);
	}

	private void createAfterGroup(Composite top) {
		// One row: the tab fits the dialog's first size.
		Group group = group(top, Messages.FlashTab_after, 4);
		waitForApplication = check(group, Messages.FlashTab_wait, "waitForApplication"); //$NON-NLS-1$
		applicationTimeout = new Text(group, SWT.BORDER);
		applicationTimeout.setData(WIDGET_ID, "applicationTimeout"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().hint(60, SWT.DEFAULT).applyTo(applicationTimeout);
		applicationTimeout.addModifyListener(event -> changed());
		new Label(group, SWT.NONE).setText(Messages.FlashTab_seconds);
		waitForApplication.addListener(SWT.Selection, event -> applicationTimeout.setEnabled(waitForApplication.getSelection()));
		verify = check(group, Messages.FlashTab_verify, "verify"); //$NON-NLS-1$
		GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.CENTER).grab(true, false).indent(20, 0).applyTo(verify);
	}

	@Override
	public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
		FlashLaunchConfiguration.write(FlashConfigurations.defaults(null, ""), configuration); //$NON-NLS-1$
	}

	@Override
	public void initializeFrom(ILaunchConfiguration configuration) {
		FlashConfiguration values;
		try {
			values = FlashLaunchConfiguration.read(configuration);
		} catch (CoreException e) {
			setErrorMessage(e.getStatus().getMessage());
			return;
		}
		boardKind.select(List.of(KINDS).indexOf(values.board().kind()));
		shownKind = values.board().kind();
		boardValue.setText(values.board().value());
		firmware.setText(values.firmware());
		alt.setText(values.alt());
		dfuseAddress.setText(values.dfuseAddress());
		transferSize.setText(values.transferSize());
		extraArguments.setText(values.extraArguments());
		waitForApplication.setSelection(values.waitForApplication());
		applicationTimeout.setText(values.applicationTimeoutSeconds());
		applicationTimeout.setEnabled(values.waitForApplication());
		verify.setSelection(values.verify());
		showAttachedBoard();
	}

	@Override
	public void performApply(ILaunchConfigurationWorkingCopy configuration) {
		FlashLaunchConfiguration.write(values(), configuration);
	}

	/**
	 * The launch's own checks: the values, the firmware file (its DFU suffix and CRC), and, with the board
	 * attached now, everything the flash checks before it touches the board. A board that is not attached is
	 * looked up when the configuration runs; several boards that match are an error.
	 */
	@Override
	public boolean isValid(ILaunchConfiguration configuration) {
		setErrorMessage(null);
		Optional<FirmwareImage> image = Optional.empty();
		try {
			FlashSettings settings = FlashSettings.parse(values(), LaunchVariables::resolve);
			image = checkedFirmware.read(settings.firmware());
			List<Board> attached = boards();
			showWhatTheFileHolds(image, Optional.empty());
			if (settings.board().many()) {
				checkEach(settings, image, attached);
				return true;
			}
			List<Board> matching = attached.stream().filter(settings.board()::matches).toList();
			if (matching.size() > 1) {
				settings.board().select(attached); // says which boards, and what to use instead
			}
			if (matching.size() == 1 && image.isPresent()) {
				FlashChecks.check(settings, image.get(), matching.get(0));
				showWhatTheFileHolds(image, Optional.of(matching.get(0)));
			}
			return true;
		} catch (OperationException e) {
			setErrorMessage(e.getMessage());
			return false;
		}
	}

	/**
	 * The checks for each of several boards that is attached now, as for one: a failure names the board's port. A
	 * value that selects several boards, or the same board twice, is an error; a board not attached is looked up when
	 * the configuration runs.
	 */
	private static void checkEach(FlashSettings settings, Optional<FirmwareImage> image, List<Board> attached)
			throws OperationException {
		for (BoardSelector one : settings.board().each()) {
			List<Board> matching = attached.stream().filter(one::matches).toList();
			if (matching.size() > 1 && one.kind() != BoardSelector.Kind.EVERY_WITH_ID) {
				one.select(attached);
			}
			if (image.isPresent()) {
				for (Board board : matching) {
					try {
						FlashChecks.check(settings.withBoard(BoardSelector.as(BoardSelector.Kind.PORT, board)), image.get(), board);
					} catch (OperationException e) {
						throw new OperationException(board.device().location().portPath() + ": " + e.getMessage(), e); //$NON-NLS-1$
					}
				}
			}
		}
		boolean allAttached = settings.board().each().stream().allMatch(one -> attached.stream().anyMatch(one::matches));
		if (settings.board().kind() != BoardSelector.Kind.EVERY_WITH_ID && allAttached) {
			settings.board().selectAll(attached); // the same board named twice, by its serial and its port say
		}
	}

	@Override
	public String getName() {
		return Messages.FlashTab_name;
	}

	@Override
	public Image getImage() {
		if (image == null) {
			image = Icons.descriptor("icons/dfu_flash.png").createImage(); //$NON-NLS-1$
		}
		return image;
	}

	@Override
	public void dispose() {
		if (image != null) {
			image.dispose();
		}
		super.dispose();
	}

	private FlashConfiguration values() {
		int kind = Math.max(0, boardKind.getSelectionIndex());
		return new FlashConfiguration(new BoardSelector(KINDS[kind], boardValue.getText()), firmware.getText().strip(),
				altValue(alt.getText()), dfuseAddress.getText().strip(), transferSize.getText().strip(),
				extraArguments.getText(), waitForApplication.getSelection(), applicationTimeout.getText().strip(),
				verify.getSelection());
	}

	private void changed() {
		if (boardNow != null && !boardNow.isDisposed()) {
			showAttachedBoard();
		}
		updateLaunchConfigurationDialog();
	}

	/**
	 * "Identify by" changed: the board that the old value selected is now identified the new way (its port
	 * for its serial, say), rather than its old value left in a field that means something else now.
	 */
	private void kindSwitched() {
		BoardSelector.Kind kind = KINDS[Math.max(0, boardKind.getSelectionIndex())];
		if (kind == shownKind) {
			return;
		}
		BoardSelector before = new BoardSelector(shownKind, boardValue.getText());
		shownKind = kind;
		List<Board> matching = before.problem().isPresent() ? List.of() : boards().stream().filter(before::matches).toList();
		String value = ""; //$NON-NLS-1$
		if (kind == BoardSelector.Kind.EVERY_WITH_ID && !matching.isEmpty()) {
			value = BoardSelector.as(kind, matching.get(0)).value();
		} else if (matching.size() == 1 || before.many() && !matching.isEmpty()) {
			value = String.join(", ", matching.stream().map(board -> BoardSelector.as(kind, board).value()).toList()); //$NON-NLS-1$
		}
		boardValue.setText(value);
	}

	/** The alt setting's value: a picked entry reads "0 (Flash)", of which the number is the value. */
	static String altValue(String text) {
		String alt = text.strip();
		int name = alt.indexOf(" ("); //$NON-NLS-1$
		return name > 0 && alt.endsWith(")") && alt.substring(0, name).matches("\\d+") ? alt.substring(0, name) : alt; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The boards the registry lists now (no USB I/O here: the registry is fed in the background). */
	private static List<Board> boards() {
		return DfuCore.deviceService().registry().boards();
	}

	/** Says whether the configured board is attached now, and offers its alt settings. */
	private void showAttachedBoard() {
		BoardSelector selector = values().board();
		List<Board> matching = selector.problem().isPresent() ? List.of()
				: boards().stream().filter(selector::matches).toList();
		String text;
		if (selector.problem().isEmpty() && selector.many()) {
			int expected = selector.kind() == BoardSelector.Kind.EVERY_WITH_ID ? matching.size() : selector.values().size();
			text = matching.isEmpty() ? Messages.FlashTab_noneOfSeveralAttached
					: NLS.bind(Messages.FlashTab_severalOfSeveral, new Object[] { Integer.valueOf(matching.size()),
							Integer.valueOf(expected), String.join(", ", matching.stream().map(board -> board.device().location().portPath() //$NON-NLS-1$
									+ " " + board.device().displayName()).toList()) }); //$NON-NLS-1$
		} else {
			text = switch (matching.size()) {
			case 0 -> Messages.FlashTab_notAttached;
			case 1 -> NLS.bind(Messages.FlashTab_attached, matching.get(0).describe());
			default -> NLS.bind(Messages.FlashTab_severalAttached, Integer.valueOf(matching.size()));
			};
		}
		if (!text.equals(boardNow.getText())) {
			boardNow.setText(text);
			boardNow.setToolTipText(text);
		}
		// Several boards flashed at once are usually of one kind: the first one's alt settings are offered.
		offerAlts(matching.size() == 1 || selector.many() && !matching.isEmpty()
				? matching.get(0).dfuModeDevice().map(AltChoice::dfuModeAlts).orElse(List.of())
				: List.of());
	}

	/** The alt settings of the board's DFU mode, once it has been seen, as "0 (Flash)"; the typed text stays. */
	private void offerAlts(List<AltSetting> alts) {
		List<String> items = alts.stream().map(AltChoice::describe).toList();
		if (items.equals(List.of(alt.getItems()))) {
			return;
		}
		String typed = alt.getText();
		alt.setItems(items.toArray(String[]::new));
		alt.setText(typed);
	}

	private void selectBoard() {
		BoardSelectionDialog dialog = new BoardSelectionDialog(getShell(), DfuCore.deviceService(),
				values().board(), true);
		if (dialog.open() != Window.OK || dialog.chosenBoards().isEmpty()) {
			return;
		}
		BoardSelector chosen = BoardSelector.of(dialog.chosenBoards(), boards());
		boardKind.select(List.of(KINDS).indexOf(chosen.kind()));
		shownKind = chosen.kind();
		boardValue.setText(chosen.value());
		showAttachedBoard();
	}

	private void browseWorkspace() {
		ElementTreeSelectionDialog dialog = new ElementTreeSelectionDialog(getShell(), new WorkbenchLabelProvider(),
				new WorkbenchContentProvider());
		// Every kind of file DFU Flash writes, as the File System... filter offers them.
		String message = NLS.bind(Messages.FlashTab_workspaceMessage, FirmwareFiles.extensions().stream().sorted()
				.map(extension -> "." + extension).collect(Collectors.joining(", "))); //$NON-NLS-1$ //$NON-NLS-2$
		dialog.setTitle(Messages.FlashTab_workspaceTitle);
		dialog.setMessage(message);
		dialog.setInput(ResourcesPlugin.getWorkspace().getRoot());
		dialog.setAllowMultiple(false);
		dialog.setValidator(selection -> selection.length == 1 && selection[0] instanceof IFile file
				&& FirmwareFiles.hasFirmwareName(file.getName())
						? org.eclipse.core.runtime.Status.OK_STATUS
						: org.eclipse.core.runtime.Status.error(message));
		if (dialog.open() == Window.OK && dialog.getFirstResult() instanceof IFile file) {
			firmware.setText(FlashConfigurations.workspacePath(file));
		}
	}

	private void browseFiles() {
		FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
		String firmwareFiles = FirmwareFiles.extensions().stream().map(extension -> "*." + extension) //$NON-NLS-1$
				.collect(Collectors.joining(";")); //$NON-NLS-1$
		dialog.setFilterExtensions(new String[] { firmwareFiles, "*" }); //$NON-NLS-1$
		String chosen = dialog.open();
		if (chosen != null) {
			firmware.setText(chosen);
		}
	}

	private void insertVariable() {
		StringVariableSelectionDialog dialog = new StringVariableSelectionDialog(getShell());
		if (dialog.open() == Window.OK) {
			firmware.insert(dialog.getVariableExpression());
		}
	}

	private Group group(Composite parent, String title, int columns) {
		Group group = new Group(parent, SWT.NONE);
		group.setText(title);
		GridLayoutFactory.swtDefaults().numColumns(columns).margins(5, 2).applyTo(group);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
		return group;
	}

	private Text text(Composite parent, String id, int span) {
		Text text = new Text(parent, SWT.BORDER);
		text.setData(WIDGET_ID, id);
		GridDataFactory.fillDefaults().grab(true, false).span(span, 1).hint(FIELD_WIDTH, SWT.DEFAULT).applyTo(text);
		text.addModifyListener(event -> changed());
		return text;
	}

	private Button button(Composite parent, String label, String id) {
		Button button = createPushButton(parent, label, null);
		button.setData(WIDGET_ID, id);
		return button;
	}

	private Button check(Composite parent, String label, String id) {
		Button check = new Button(parent, SWT.CHECK);
		check.setText(label);
		check.setData(WIDGET_ID, id);
		check.addListener(SWT.Selection, event -> updateLaunchConfigurationDialog());
		return check;
	}
}
