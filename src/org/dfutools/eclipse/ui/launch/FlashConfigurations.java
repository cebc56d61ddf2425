package org.dfutools.eclipse.ui.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.launch.FlashLaunchConfiguration;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;

/** Creating and finding DFU Flash launch configurations, for the shortcut and the view's command. */
public final class FlashConfigurations {

	private FlashConfigurations() {
	}

	public static ILaunchConfigurationType type() {
		return DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(FlashLaunchConfiguration.TYPE_ID);
	}

	/** How a workspace file is written in a configuration, so that it follows the workspace when it moves. */
	public static String workspacePath(IFile file) {
		return "${workspace_loc:" + file.getFullPath().toString() + "}"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** A new, unsaved configuration with a unique name, for a board (may be null) and a firmware path. */
	public static ILaunchConfigurationWorkingCopy create(String name, BoardSelector board, String firmware)
			throws CoreException {
		return create(name, defaults(board, firmware));
	}

	/**
	 * A new, unsaved configuration for {@code board}, one of the {@code attached} boards: identified as
	 * {@link BoardSelector#of} says, and waiting for the application only when the board has been seen in run-time
	 * mode. A board seen only in DFU mode (a ROM bootloader) may start an application without a DFU interface,
	 * which would never be seen coming back.
	 */
	public static ILaunchConfigurationWorkingCopy createFor(String name, Board board, List<Board> attached, String firmware)
			throws CoreException {
		return createFor(name, List.of(board), attached, firmware);
	}

	private static ILaunchConfigurationWorkingCopy create(String name, FlashConfiguration values) throws CoreException {
		ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
		// Characters that cannot be in a configuration's file name become "_".
		String safeName = name.replaceAll("[\\\\/:*?\"<>|@&\\p{Cntrl}]", "_"); //$NON-NLS-1$ //$NON-NLS-2$
		ILaunchConfigurationWorkingCopy copy = type().newInstance(null, manager.generateLaunchConfigurationName(safeName));
		FlashLaunchConfiguration.write(values, copy);
		return copy;
	}

	/** A new configuration's values, with the application timeout from the preferences. */
	public static FlashConfiguration defaults(BoardSelector board, String firmware) {
		return FlashConfiguration.defaults(board, firmware, DfuPreferences.applicationTimeoutSeconds());
	}

	/**
	 * The saved configuration made for this board, one of the {@code attached} boards, found by what identifies it
	 * (its serial, port or IDs, as the configuration says), not by its name; empty when there is none.
	 */
	public static Optional<ILaunchConfiguration> forBoard(Board board, List<Board> attached) throws CoreException {
		return forBoards(List.of(board), attached);
	}

	/**
	 * The saved configuration made for exactly these boards (one, or several flashed at once), found by what
	 * identifies them; empty when there is none. A configuration for more boards, or for every board with an ID, is
	 * not one made for these; nor is one that selects other {@code attached} boards too (a serial that identical
	 * boards share, once several are plugged in): it could not run.
	 */
	public static Optional<ILaunchConfiguration> forBoards(List<Board> boards, List<Board> attached) throws CoreException {
		for (ILaunchConfiguration configuration : DebugPlugin.getDefault().getLaunchManager()
				.getLaunchConfigurations(type())) {
			BoardSelector selector = FlashLaunchConfiguration.read(configuration).board();
			if (selector.problem().isEmpty() && selector.kind() != BoardSelector.Kind.EVERY_WITH_ID
					&& selector.values().size() == boards.size() && boards.stream().allMatch(selector::matches)
					&& selectsOnly(selector, boards, attached)) {
				return Optional.of(configuration);
			}
		}
		return Optional.empty();
	}

	/** Whether no attached board but these matches the selector. */
	private static boolean selectsOnly(BoardSelector selector, List<Board> boards, List<Board> attached) {
		List<String> ids = boards.stream().map(Board::id).toList();
		return attached.stream().filter(Board::attached).filter(selector::matches).allMatch(board -> ids.contains(board.id()));
	}

	/**
	 * A new, unsaved configuration that flashes these boards (one, or several at once), identified as
	 * {@link BoardSelector#of} says, waiting for the application when every one has been seen in run-time mode.
	 */
	public static ILaunchConfigurationWorkingCopy createFor(String name, List<Board> boards, List<Board> attached, String firmware)
			throws CoreException {
		return create(name, defaults(BoardSelector.of(boards, attached), firmware)
				.withWaitForApplication(boards.stream().allMatch(board -> board.knownRuntime().isPresent())));
	}

	/** A new configuration's name for a board: the application's name (not its bootloader's), one space apart. */
	public static String nameFor(Board board) {
		return board.name().strip().replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The saved configurations that flash this firmware path. */
	public static List<ILaunchConfiguration> forFirmware(String firmware) throws CoreException {
		List<ILaunchConfiguration> found = new ArrayList<>();
		for (ILaunchConfiguration configuration : DebugPlugin.getDefault().getLaunchManager()
				.getLaunchConfigurations(type())) {
			if (firmware.equals(configuration.getAttribute(FlashLaunchConfiguration.FIRMWARE, ""))) { //$NON-NLS-1$
				found.add(configuration);
			}
		}
		return found;
	}
}
