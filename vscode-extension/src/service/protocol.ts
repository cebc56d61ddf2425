/** The JSON of `dfu-tools serve` (docs/SERVICE.md, docs/COMMAND-LINE.md#output), as the extension reads it. */

/** A board as the DFU Devices view shows it. `port` stays the same while it re-enumerates: it is the row's key. */
export interface Board {
	name: string;
	id: string;
	mode: string;
	serial: string;
	port: string;
	runtimeId?: string;
	dfuId?: string;
	dfuVersion?: string;
	detachTimeoutMs?: number;
	transferSize?: number;
	attributes?: string[];
	problems: string[];
	attached: boolean;
}

/** One board's part of a result: what was done and where the board was left, or why it failed. */
export interface BoardResult {
	status: 'done' | 'failed' | 'cancelled' | 'skipped';
	place?: 'UNTOUCHED' | 'RUNTIME' | 'DFU_MODE' | 'OFF_BUS' | string;
	message?: string;
	summary?: string[];
	port?: string;
	before?: Board;
	after?: Board;
	board?: Board;
	bytesWritten?: number;
	verified?: boolean;
	totalMs?: number;
	arguments?: string[];
	commandLine?: string;
	rule?: string;
	file?: string;
}

/** The answer to every request: the document `dfu-tools --json` prints. */
export interface ResultDocument {
	command: string;
	exit: number;
	message?: string;
	boards: BoardResult[];
}

/** The answer to `boards/list`: the boards, as of the event numbered `sequence`. */
export interface BoardsDocument {
	command: string;
	exit: number;
	message?: string;
	boards: Board[];
	sequence: number;
}

/** A `boards/changed` event; the service numbers them from 1. */
export interface BoardsChanged {
	event: 'added' | 'changed' | 'removed';
	board: Board;
	sequence: number;
}

export interface OperationLine {
	token: string;
	line: string;
	port?: string;
}

export interface OperationProgress {
	token: string;
	percent: number;
	task: string;
}

export interface OperationEnded {
	token: string;
	result: ResultDocument;
}

/** The exit statuses a result document carries (docs/COMMAND-LINE.md#exit-statuses). */
export const Exit = {
	done: 0,
	failed: 1,
	usage: 2,
	badFile: 3,
	noBoard: 4,
	refused: 5,
	leftInDfuMode: 6,
	cancelled: 130,
} as const;

/** The requests on boards, by their method names. */
export type BoardMethod = 'board/reboot' | 'board/start' | 'board/flash' | 'board/save' | 'board/args' | 'board/udevRule';
