package org.dfutools.cli;

import java.time.Duration;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.mode.RebootToDfuOperation;
import org.dfutools.eclipse.core.mode.StartApplicationOperation;
import org.dfutools.eclipse.core.operation.BoardChoice;
import org.dfutools.eclipse.core.operation.BoardOperation;

/** A board from one mode to the other, as the command and the service name it: the core's operation for one board. */
enum ModeChange {
	REBOOT("reboot") { //$NON-NLS-1$
		@Override
		BoardOperation<ModeReport> on(Session session, Board board, DfuUtilConsole console, Duration applicationTimeout) {
			return new RebootToDfuOperation(session.service(), session.preferences(), console, BoardChoice.exactly(board));
		}
	},
	START("start") { //$NON-NLS-1$
		@Override
		BoardOperation<ModeReport> on(Session session, Board board, DfuUtilConsole console, Duration applicationTimeout) {
			return new StartApplicationOperation(session.service(), session.preferences(), console, BoardChoice.exactly(board),
					applicationTimeout);
		}
	};

	private final String command;

	ModeChange(String command) {
		this.command = command;
	}

	/** The command's name, as typed (and the request's result document names it). */
	String command() {
		return command;
	}

	/** The operation on {@code board}, chosen as it is when the operation starts, writing to {@code console}. */
	abstract BoardOperation<ModeReport> on(Session session, Board board, DfuUtilConsole console, Duration applicationTimeout);
}
