import { Board, BoardResult, Exit, ResultDocument } from '../service/protocol';

/** What a person is told of a result: one sentence per board, and whether it all went well. */
export interface Outcome {
	ok: boolean;
	cancelled: boolean;
	/** The whole of it, a sentence per board. */
	text: string;
	/** A few words for the status bar. */
	short: string;
}

export function outcome(action: string, document: ResultDocument): Outcome {
	const cancelled = document.exit === Exit.cancelled;
	if (document.boards.length === 0) {
		const text = document.message ?? `${action}: nothing was done.`;
		return { ok: document.exit === Exit.done, cancelled, text, short: `${action} failed` };
	}
	const sentences = document.boards.map(result => sentence(result));
	const failed = document.boards.filter(result => result.status !== 'done').length;
	const ok = document.exit === Exit.done && failed === 0;
	let short: string;
	if (cancelled) {
		short = `${action} cancelled`;
	} else if (ok) {
		short = document.boards.length === 1 ? `${action} done` : `${action} done on ${document.boards.length} boards`;
	} else {
		short = document.boards.length === 1 ? `${action} failed` : `${action} failed on ${failed} of ${document.boards.length} boards`;
	}
	return { ok, cancelled, text: sentences.join(' '), short };
}

function sentence(result: BoardResult): string {
	if (result.status !== 'done') {
		return result.message ?? `${label(result)}: ${result.status}.`;
	}
	const board = result.after ?? result.before ?? result.board;
	const took = result.totalMs === undefined ? '' : ` after ${result.totalMs} ms`;
	const written = result.bytesWritten === undefined ? '' : `${result.bytesWritten} bytes written${result.verified ? ' and verified' : ''}; `;
	const saved = result.file === undefined ? '' : `saved to ${result.file}; `;
	return `${label(result)}: ${written}${saved}${place(result.place, board)}${took}.`;
}

function label(result: BoardResult): string {
	const board = result.before ?? result.board;
	return board ? `${board.name} (${board.port})` : result.port ?? 'The board';
}

function place(where: string | undefined, board: Board | undefined): string {
	const as = board ? ` as ${board.id}` : '';
	switch (where) {
		case 'DFU_MODE':
			return `in DFU mode${as}`;
		case 'RUNTIME':
			return `running its application${as}`;
		case 'OFF_BUS':
			return 'not on the bus';
		case 'UNTOUCHED':
			return 'untouched';
		default:
			return 'done';
	}
}
