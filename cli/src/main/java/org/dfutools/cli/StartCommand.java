package org.dfutools.cli;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.mode.StartApplicationOperation;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.BoardOperation;

import picocli.CommandLine.Command;

@Command(name = "start", description = "Start the application of boards in DFU mode, and follow them back to run-time mode.")
final class StartCommand extends ModeCommand {

	@Override
	protected String name() {
		return "start"; //$NON-NLS-1$
	}

	@Override
	protected BoardOperation<ModeReport> operation(Session session, Board one, DfuUtilConsole console) throws UsageException {
		return new StartApplicationOperation(session.service(), session.preferences(), console, BoardChoice.exactly(one),
				settings.applicationTimeout());
	}
}
