package org.dfutools.eclipse.core.operation;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;

/**
 * Where an operation stands once its board is held and in DFU mode: what its own steps work with.
 *
 * @param before   the board as the operation found it
 * @param board    the board in DFU mode
 * @param rebooted whether the operation rebooted it there (then a failure that changed nothing sends it back)
 * @param work     the operation's private folder for dfu-util's files
 */
public record InDfuMode(BusyBoards.Claim held, Board before, Board board, boolean rebooted, WorkFolder work,
		StepTimes times) {
}
