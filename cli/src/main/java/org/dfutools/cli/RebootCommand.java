package org.dfutools.cli;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.mode.RebootToDfuOperation;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.BoardOperation;

import picocli.CommandLine.Command;

@Command(name = "reboot", description = "Reboot boards running their application into DFU mode, and follow them there.")
final class RebootCommand extends ModeCommand {

	@Override
	protected String name() {
		return "reboot"; //$NON-NLS-1$
	}

	@Override
	protected BoardOperation<ModeReport> operation(Session session, Board one, DfuUtilConsole console) {
		return new RebootToDfuOperation(session.service(), session.preferences(), console, BoardChoice.exactly(one));
	}
}
