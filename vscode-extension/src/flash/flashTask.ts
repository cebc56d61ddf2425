import * as vscode from 'vscode';
import { Operations } from '../operations/operations';
import { FlashDefinition, flashName, flashRequest } from './flashDefinition';

export const FLASH_TYPE = 'dfu';

/**
 * Tasks of type "dfu" (tasks.json): a flash run by the service, in a terminal of its own that shows every step;
 * closing the terminal or Ctrl-C in it cancels the flash as Terminate does.
 */
export class FlashTasks implements vscode.TaskProvider {
	constructor(private readonly operations: Operations) {}

	provideTasks(): vscode.Task[] {
		return [];
	}

	resolveTask(task: vscode.Task): vscode.Task | undefined {
		const definition = task.definition as vscode.TaskDefinition & FlashDefinition;
		const folder = typeof task.scope === 'object' ? task.scope : undefined;
		const resolved = new vscode.Task(definition, task.scope ?? vscode.TaskScope.Workspace, task.name || flashName(definition),
			FLASH_TYPE, new vscode.CustomExecution(async given =>
				new FlashTerminal(this.operations, given as FlashDefinition, folder?.uri.fsPath)));
		resolved.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
		return resolved;
	}
}

/** The terminal of one flash task. */
class FlashTerminal implements vscode.Pseudoterminal {
	private readonly written = new vscode.EventEmitter<string>();
	private readonly closed = new vscode.EventEmitter<number>();
	readonly onDidWrite = this.written.event;
	readonly onDidClose = this.closed.event;
	private readonly cancel = new vscode.CancellationTokenSource();

	constructor(private readonly operations: Operations, private readonly definition: FlashDefinition,
		private readonly folder: string | undefined) {}

	open(): void {
		void this.flash();
	}

	close(): void {
		this.cancel.cancel();
	}

	handleInput(data: string): void {
		if (data === '\x03') {
			this.write('Stopping: the board is being left in a known place.');
			this.cancel.cancel();
		}
	}

	private async flash(): Promise<void> {
		const request = flashRequest(this.definition, this.folder);
		if ('problem' in request) {
			this.write(`DFU Flash: ${request.problem}`);
			void vscode.window.showErrorMessage(`DFU Flash: ${request.problem}`);
			this.closed.fire(2);
			return;
		}
		const told = await this.operations.run('DFU Flash', 'board/flash', request.params,
			{ echo: line => this.write(line), cancel: this.cancel.token, quiet: false });
		this.closed.fire(told.ok ? 0 : told.cancelled ? 130 : 1);
	}

	private write(line: string): void {
		this.written.fire(`${line.replace(/\r?\n/g, '\r\n')}\r\n`);
	}
}
