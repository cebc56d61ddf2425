package org.dfutools.eclipse.core.launch;

import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.save.SaveSettings;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/**
 * How a Save Firmware from Board run is described to the debug framework: a private configuration of a hidden
 * type, made for one run by the view's command and never stored, so that the run has a process, a console and
 * Terminate as a flash has.
 */
public final class SaveLaunchConfiguration {

	/** The launch configuration type's id. */
	public static final String TYPE_ID = "org.dfutools.eclipse.launch.dfuSave"; //$NON-NLS-1$

	private static final String PREFIX = "org.dfutools.eclipse.save."; //$NON-NLS-1$
	private static final String BOARD_KIND = PREFIX + "boardKind"; //$NON-NLS-1$
	private static final String BOARD_VALUE = PREFIX + "boardValue"; //$NON-NLS-1$
	private static final String ALT = PREFIX + "alt"; //$NON-NLS-1$
	private static final String ADDRESS = PREFIX + "address"; //$NON-NLS-1$
	private static final String LENGTH = PREFIX + "length"; //$NON-NLS-1$
	private static final String FILE = PREFIX + "file"; //$NON-NLS-1$

	private SaveLaunchConfiguration() {
	}

	/** The values as typed, in the order {@link SaveSettings#parse} takes them. */
	public record Values(BoardSelector board, String alt, String address, String length, String file) {

		public SaveSettings parse() throws OperationException {
			return SaveSettings.parse(board, alt, address, length, file);
		}
	}

	static Values read(ILaunchConfiguration configuration) throws CoreException {
		return new Values(new BoardSelector(BoardSelector.Kind.named(configuration.getAttribute(BOARD_KIND, "")), //$NON-NLS-1$
				configuration.getAttribute(BOARD_VALUE, "")), //$NON-NLS-1$
				configuration.getAttribute(ALT, "0"), //$NON-NLS-1$
				configuration.getAttribute(ADDRESS, ""), //$NON-NLS-1$
				configuration.getAttribute(LENGTH, ""), //$NON-NLS-1$
				configuration.getAttribute(FILE, "")); //$NON-NLS-1$
	}

	public static void write(Values values, ILaunchConfigurationWorkingCopy copy) {
		copy.setAttribute(BOARD_KIND, values.board().kind().name());
		copy.setAttribute(BOARD_VALUE, values.board().value());
		copy.setAttribute(ALT, values.alt());
		copy.setAttribute(ADDRESS, values.address());
		copy.setAttribute(LENGTH, values.length());
		copy.setAttribute(FILE, values.file());
	}
}
