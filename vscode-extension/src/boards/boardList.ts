import { Emitter } from 'vscode-jsonrpc';
import { Board, BoardsChanged } from '../service/protocol';

/**
 * The attached boards as the service tells them, one entry per port: a board that re-enumerates stays on its port,
 * so it keeps its entry (and its row) while it is off the bus and when it comes back in its other mode.
 */
export class BoardList {
	private readonly boards = new Map<string, Board>();
	private readonly changed = new Emitter<void>();
	/** The list changed: a board came, went or changed its mode. */
	readonly onDidChange = this.changed.event;

	/** The whole list, as `boards/list` answers it (after a start of the service, say). */
	replaceAll(boards: Board[]): void {
		this.boards.clear();
		boards.forEach(board => this.boards.set(board.port, board));
		this.changed.fire();
	}

	/** One event of the service. */
	apply(change: BoardsChanged): void {
		if (change.event === 'removed') {
			this.boards.delete(change.board.port);
		} else {
			this.boards.set(change.board.port, change.board);
		}
		this.changed.fire();
	}

	/** The boards, in port order (1-2 before 1-10). */
	all(): Board[] {
		return [...this.boards.values()].sort((a, b) => a.port.localeCompare(b.port, undefined, { numeric: true }));
	}

	get(port: string): Board | undefined {
		return this.boards.get(port);
	}

	clear(): void {
		this.replaceAll([]);
	}
}
