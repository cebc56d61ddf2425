import * as vscode from 'vscode';
import { DfuService } from '../service/dfuService';
import { Board } from '../service/protocol';
import { BoardList } from './boardList';
import { contextValue, description, details, inDfuMode, viewMessage } from './boardText';

/**
 * The DFU Devices view: the service's boards, live. Each row's id is its port, so a board that re-enumerates keeps
 * its row (and its selection) while it is off the bus and when it is back in its other mode.
 *
 * An empty view says why in its message, not in `viewsWelcome` content: in Theia 1.74, a view with welcome content
 * that was built before the extension registered its tree, and was out of sight when it did, keeps a placeholder
 * that never asks for the rows: the view showed its welcome content, and no board, for the rest of the session.
 */
export class BoardsView implements vscode.TreeDataProvider<Board>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeTreeData = this.changed.event;
	readonly view: vscode.TreeView<Board>;
	private readonly listeners: { dispose(): void }[] = [];
	/** Why the view may not show the boards: the service does not run, or its list failed. */
	private problem?: string;

	constructor(private readonly service: DfuService, readonly boards: BoardList) {
		this.view = vscode.window.createTreeView('dfuTools.devices', { treeDataProvider: this, canSelectMany: true, showCollapseAll: false });
		this.listeners.push(
			boards.onDidChange(() => {
				this.showMessage();
				this.changed.fire();
			}),
			service.onBoardsChanged(change => boards.apply(change)),
			service.onStateChanged(() => void this.reload()));
		void this.reload();
	}

	/** The whole list again from the service (it started, or a person asked). */
	async reload(): Promise<void> {
		const state = this.service.state;
		if (!state.running) {
			this.problem = state.reason;
			this.boards.clear();
			return;
		}
		try {
			const listed = await this.service.list();
			this.problem = listed.exit === 0 ? undefined : listed.message;
			this.boards.replaceAll(listed.boards, listed.sequence);
		} catch (error) {
			this.problem = error instanceof Error ? error.message : String(error);
		}
		this.showMessage();
	}

	private showMessage(): void {
		this.view.message = viewMessage(this.problem, this.boards.all().length);
	}

	/** The boards a command is for: the one it was invoked on and the others selected with it, else the selection. */
	selected(clicked?: Board, together?: Board[]): Board[] {
		if (together && together.length > 0) {
			return together;
		}
		return clicked ? [clicked] : [...this.view.selection];
	}

	getTreeItem(board: Board): vscode.TreeItem {
		const item = new vscode.TreeItem(board.name, vscode.TreeItemCollapsibleState.None);
		item.id = board.port;
		item.description = description(board);
		item.tooltip = new vscode.MarkdownString(details(board).map(line => escape(line)).join('  \n'));
		item.contextValue = contextValue(board);
		item.iconPath = new vscode.ThemeIcon(!board.attached ? 'sync' : board.problems.length > 0 ? 'warning'
			: inDfuMode(board) ? 'debug-step-into' : 'circuit-board');
		return item;
	}

	getChildren(board?: Board): Board[] {
		return board ? [] : this.boards.all();
	}

	dispose(): void {
		this.listeners.forEach(listener => listener.dispose());
		this.view.dispose();
		this.changed.dispose();
	}
}

function escape(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, match => `\\${match}`);
}
