import { Emitter } from 'vscode-jsonrpc';
import { Board, BoardsChanged } from '../service/protocol';

/**
 * The attached boards as the service tells them, one entry per port: a board that re-enumerates stays on its port,
 * so it keeps its entry (and its row) while it is off the bus and when it comes back in its other mode.
 *
 * The service numbers its events, and a list says the last event it includes (docs/SERVICE.md). An event may come
 * before a list that was taken before it: the list then leaves that event's port as the event left it.
 */
export class BoardList {
	private boards = new Map<string, Board>();
	/** Per port, the number of the last event applied to it that no list applied since includes. */
	private readonly events = new Map<string, number>();
	/** The last event the last list applied includes. */
	private listed = 0;
	private readonly changed = new Emitter<void>();
	/** The list changed: a board came, went or changed its mode. */
	readonly onDidChange = this.changed.event;

	/** The whole list, as `boards/list` answers it as of the event numbered `sequence`. An older list than one
	 * already applied changes nothing. */
	replaceAll(boards: Board[], sequence: number): void {
		if (sequence < this.listed) {
			return;
		}
		this.listed = sequence;
		const next = new Map(boards.map(board => [board.port, board]));
		for (const [port, event] of [...this.events]) {
			if (event <= sequence) {
				this.events.delete(port);       // the list includes it
				continue;
			}
			const board = this.boards.get(port);    // a later event: its port stays as that left it
			if (board) {
				next.set(port, board);
			} else {
				next.delete(port);
			}
		}
		this.boards = next;
		this.changed.fire();
	}

	/** One event of the service. One that a list applied includes, or older than its port's last, changes nothing. */
	apply(change: BoardsChanged): void {
		const port = change.board.port;
		if (change.sequence <= this.listed || change.sequence <= (this.events.get(port) ?? 0)) {
			return;
		}
		this.events.set(port, change.sequence);
		if (change.event === 'removed') {
			this.boards.delete(port);
		} else {
			this.boards.set(port, change.board);
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

	/** No boards: the service is not running. The next one numbers its events from the start. */
	clear(): void {
		this.events.clear();
		this.listed = 0;
		this.boards = new Map();
		this.changed.fire();
	}
}
