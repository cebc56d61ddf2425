import * as vscode from 'vscode';
import { Operations } from '../operations/operations';
import { FlashDefinition, flashName } from './flashDefinition';
import { runFlash } from './flashRun';

export const FLASH_TYPE = 'dfu';

/**
 * Tasks of type "dfu" (tasks.json): a flash run by the service, in a terminal of its own that shows every step;
 * closing the terminal or Ctrl-C in it cancels the flash as Terminate does.
 */
export class FlashTasks implements vscode.TaskProvider {
	constructor(private readonly operations: Operations) {}

	/**
	 * The flashes tasks.json names. VS Code would ask resolveTask for each; Theia lists a tasks.json entry of a
	 * contributed type only when its provider gives a task with the same definition.
	 */
	provideTasks(): vscode.Task[] {
		return (vscode.workspace.workspaceFolders ?? []).flatMap(folder =>
			(vscode.workspace.getConfiguration('tasks', folder.uri).get<vscode.TaskDefinition[]>('tasks') ?? [])
				.filter(entry => entry.type === FLASH_TYPE)
				.map(entry => this.task({ ...entry }, folder, typeof entry.label === 'string' ? entry.label : undefined)));
	}

	resolveTask(task: vscode.Task): vscode.Task | undefined {
		return this.task(task.definition, typeof task.scope === 'object' ? task.scope : undefined, task.name);
	}

	private task(definition: vscode.TaskDefinition, folder: vscode.WorkspaceFolder | undefined, name: string | undefined): vscode.Task {
		const task = new vscode.Task(definition, folder ?? vscode.TaskScope.Workspace, name || flashName(definition as FlashDefinition),
			FLASH_TYPE, new vscode.CustomExecution(async given =>
				new FlashTerminal(this.operations, given as FlashDefinition, folder?.uri.fsPath)));
		task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
		return task;
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
		this.closed.fire(await runFlash(this.operations, this.definition, this.folder, line => this.write(line), this.cancel.token));
	}

	private write(line: string): void {
		this.written.fire(`${line.replace(/\r?\n/g, '\r\n')}\r\n`);
	}
}
