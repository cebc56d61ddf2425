package org.dfutools.eclipse.core.operation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;

/**
 * What an operation on a board did and where it left the board: the result every front end reads (the console's
 * summary, the status line, the command line's output), whatever the operation.
 */
public interface OperationReport {

	/** The board as the operation found it. */
	Board before();

	/**
	 * The board as the operation last saw it in the mode it brought it to: back in run-time mode after a flash or a
	 * save, in DFU mode after Reboot to DFU; empty when the operation did not wait to see it there, or did not move it.
	 */
	Optional<Board> after();

	/** Where the board was when the operation ended. */
	BoardPlace place();

	/** From the operation's start to its end. */
	Duration total();

	/** The summary the console ends with, one line per item. */
	List<String> summaryLines();
}
