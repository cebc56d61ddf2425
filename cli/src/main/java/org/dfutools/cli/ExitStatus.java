package org.dfutools.cli;

import org.dfutools.eclipse.core.operation.OperationException;

/** dfu-tools' exit statuses: what a script needs to know of how a command ended (docs/USER-GUIDE.md lists them). */
public enum ExitStatus {
	/** Done. */
	DONE(0),
	/** Failed once the board was touched; the board is in run-time mode or not on the bus (the message says). */
	FAILED(1),
	/** A command or option that does not exist, or a value that is not one. */
	USAGE(2),
	/** The firmware file is missing, unreadable or not firmware. */
	BAD_FILE(3),
	/** No attached board is the named one, or several are. */
	NO_BOARD(4),
	/** Refused before the board was touched: a check, a busy board, dfu-util missing. */
	REFUSED(5),
	/** Failed with the board left in DFU mode: `dfu-tools start` brings its application back. */
	LEFT_IN_DFU_MODE(6),
	/** Stopped by Ctrl-C (or a client's cancel); the message says where the board was left. */
	CANCELLED(130);

	private final int code;

	ExitStatus(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	/** How an operation's failure ends the command. */
	public static ExitStatus of(OperationException failure) {
		if (failure.isCancelled()) {
			return CANCELLED;
		}
		return switch (failure.place()) {
		case DFU_MODE -> LEFT_IN_DFU_MODE;
		case RUNTIME, OFF_BUS -> FAILED;
		case UNTOUCHED -> switch (failure.stoppedAt()) {
			case INPUT -> BAD_FILE;
			case BOARD_CHOICE -> NO_BOARD;
			default -> REFUSED;
			};
		};
	}

	/** The worse of two ends, for a command on several boards: a cancel, then a board left in DFU mode, then any failure. */
	public ExitStatus worse(ExitStatus other) {
		return rank() >= other.rank() ? this : other;
	}

	private int rank() {
		return switch (this) {
		case DONE -> 0;
		case CANCELLED -> 9;
		case LEFT_IN_DFU_MODE -> 8;
		default -> code;
		};
	}
}
