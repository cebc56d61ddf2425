package org.dfutools.eclipse.core.dfu;

import java.time.Duration;

import org.dfutools.eclipse.core.device.Board;

/**
 * A board that reached DFU mode, and how long each step took from the start of the operation.
 *
 * @param board       the board as it is now, in DFU mode
 * @param detachSent  DFU_DETACH (and the reset, when one was needed) done
 * @param deviceBack  the DFU-mode device listed (read, so it can be opened)
 */
public record DetachResult(Board board, Duration detachSent, Duration deviceBack) {
}
