import * as vscode from 'vscode';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { DfuService } from '../service/dfuService';
import { BoardMethod, ResultDocument } from '../service/protocol';
import { LastResult } from './lastResult';
import { Outcome, outcome } from './outcome';

/** How one run is shown beyond the output channel, the progress notification and the status bar. */
export interface RunOptions {
	/** Each line of the operation's console, for a terminal or a debug console of its own. */
	echo?: (line: string) => void;
	/** A cancel from elsewhere (the task's terminal closed, the launch terminated). */
	cancel?: vscode.CancellationToken;
	/** No message at the end: the caller's own terminal says it. */
	quiet?: boolean;
}

/**
 * Runs the service's operations as a person sees them in VS Code: every step and dfu-util's output in the DFU Tools
 * output channel, a progress notification with Cancel, the result in the status bar and in a message. A failure that
 * leaves a board in DFU mode offers the way back.
 */
export class Operations {
	constructor(private readonly service: DfuService, private readonly output: vscode.OutputChannel,
		private readonly lastResult: LastResult) {}

	async run(action: string, method: BoardMethod, params: object, options: RunOptions = {}): Promise<Outcome> {
		const say = (line: string) => {
			this.output.appendLine(line);
			options.echo?.(line);
		};
		say(`${action}: ${Object.entries(params).map(([name, value]) => `${name} ${String(value)}`).join(', ')}`);
		const result = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: action, cancellable: true },
			async (progress, token) => {
				const cancel = new CancellationTokenSource();
				const cancelled = [token.onCancellationRequested(() => cancel.cancel()),
					options.cancel?.onCancellationRequested(() => cancel.cancel())];
				let done = 0;
				try {
					return await this.service.run(method, params, {
						line: (line, port) => say(port ? `[${port}] ${line}` : line),
						progress: step => {
							progress.report({ increment: Math.max(0, step.percent - done), message: step.task });
							done = Math.max(done, step.percent);
						},
					}, cancel.token);
				} catch (error) {
					return error instanceof Error ? error : new Error(String(error));
				} finally {
					cancelled.forEach(listener => listener?.dispose());
					cancel.dispose();
				}
			});
		const told: Outcome = result instanceof Error
			? { ok: false, cancelled: false, text: `${action}: ${result.message}`, short: `${action} failed` }
			: outcome(action, result);
		(result instanceof Error ? [] : result.boards.flatMap(board => board.summary ?? [])).forEach(say);
		say(told.text);
		this.lastResult.show(told);
		if (!options.quiet) {
			// Not awaited: a message stays until a person answers it, and the task or launch ends now.
			void this.tell(told, result instanceof Error ? undefined : result, params);
		}
		return told;
	}

	private async tell(told: Outcome, result: ResultDocument | undefined, params: object): Promise<void> {
		if (told.ok) {
			void vscode.window.showInformationMessage(told.text);
			return;
		}
		const leftInDfuMode = result?.boards.filter(board => board.status !== 'done' && board.place === 'DFU_MODE') ?? [];
		// A board of several names its port; one board is the one the request named.
		const ports = leftInDfuMode.map(board => board.port).filter((port): port is string => port !== undefined);
		const named = ports.length === leftInDfuMode.length ? `port:${ports.join(',')}` : (params as { board?: string }).board;
		const wayBack = leftInDfuMode.length > 0 && named !== undefined;
		const actions = wayBack ? ['Start Application', 'Show Output'] : ['Show Output'];
		const chosen = await vscode.window.showErrorMessage(told.text, ...actions);
		if (chosen === 'Show Output') {
			this.output.show(true);
		} else if (chosen === 'Start Application') {
			await this.run('Start Application', 'board/start', { board: named });
		}
	}
}
