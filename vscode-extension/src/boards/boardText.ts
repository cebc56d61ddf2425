import { Board } from '../service/protocol';

/** How a board reads in the tree, as the DFU Devices view shows it in Eclipse: its columns, its problems. */

const MODES: Record<string, string> = { RUNTIME: 'Run-time', DFU: 'DFU', DFUSE: 'DfuSe' };

export function modeText(board: Board): string {
	return board.attached ? MODES[board.mode] ?? board.mode : 'Re-enumerating...';
}

export function inDfuMode(board: Board): boolean {
	return board.mode === 'DFU' || board.mode === 'DFUSE';
}

/** The line beside the board's name: its IDs, its mode, its port. */
export function description(board: Board): string {
	return `${board.id} · ${modeText(board)} · port ${board.port}`;
}

/** Every column of the Eclipse view, one per line, then the problems. */
export function details(board: Board): string[] {
	const lines = [
		`Name: ${board.name}`,
		`VID:PID: ${board.id}`,
		`Mode: ${modeText(board)}`,
		`Serial: ${board.serial || '?'}`,
		`Port: ${board.port}`,
		`DFU version: ${board.dfuVersion ?? '?'}`,
		`Detach timeout: ${board.detachTimeoutMs === undefined ? '?' : `${board.detachTimeoutMs} ms`}`,
		`Transfer size: ${board.transferSize === undefined ? '?' : `${board.transferSize} B`}`,
		`Attributes: ${board.attributes?.join(', ') || '?'}`,
	];
	if (board.runtimeId && board.dfuId) {
		lines.push(`Run-time / DFU mode IDs: ${board.runtimeId} / ${board.dfuId}`);
	}
	board.problems.forEach(problem => lines.push(`Problem: ${problem}`));
	return lines;
}

/**
 * What the menus test (`viewItem`): the mode, and whether the board is away; Reboot to DFU shows for boards in
 * run-time mode, Start Application for boards in DFU mode.
 */
export function contextValue(board: Board): string {
	if (!board.attached) {
		return 'dfuBoard.away';
	}
	return inDfuMode(board) ? 'dfuBoard.dfu' : 'dfuBoard.runtime';
}

/** Boards as dfu-tools names them exactly now: by their ports, which no other attached board has. */
export function byPort(boards: Board[]): string {
	return `port:${boards.map(board => board.port).join(',')}`;
}

/**
 * A board as a saved configuration names it: by its serial number when it has one that no other attached board
 * has (it survives another port), else by its port.
 */
export function lastingName(board: Board, attached: Board[]): string {
	const sameSerial = attached.filter(other => other.serial === board.serial);
	return board.serial && sameSerial.length === 1 ? `serial:${board.serial}` : `port:${board.port}`;
}

/** What the view says when it has no row for a reason other than a problem: no board is attached. */
export const NO_BOARDS = 'No DFU board is attached. Plug in a board whose firmware has a DFU run-time interface, or one in its DFU bootloader.';

/**
 * The view's message, above its rows: the problem when there is one (the service is not running, its list failed),
 * else NO_BOARDS when there is no board, else none.
 */
export function viewMessage(problem: string | undefined, boards: number): string | undefined {
	return problem ?? (boards === 0 ? NO_BOARDS : undefined);
}
