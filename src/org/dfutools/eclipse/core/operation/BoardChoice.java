package org.dfutools.eclipse.core.operation;

import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.eclipse.osgi.util.NLS;

/** Which attached board an operation is for, chosen from the board list when the operation starts. */
@FunctionalInterface
public interface BoardChoice {

	/** The one board among {@code attached}; an error that says why when there is none or several. */
	Board select(List<Board> attached) throws OperationException;

	/**
	 * The board a person picked in a list (a row of the DFU Devices view), as it is when the operation starts: it may
	 * have changed mode since, or left.
	 */
	static BoardChoice exactly(Board picked) {
		return attached -> attached.stream().filter(board -> board.id().equals(picked.id()) && board.attached()).findFirst()
				.orElseThrow(() -> new OperationException(NLS.bind(Messages.BoardChoice_gone, picked.label())));
	}
}
