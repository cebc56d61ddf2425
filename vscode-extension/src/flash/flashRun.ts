import * as vscode from 'vscode';
import { Operations } from '../operations/operations';
import { Exit } from '../service/protocol';
import { FlashDefinition, flashRequest } from './flashDefinition';

/**
 * One flash of a task or a launch: its definition checked before any board is touched, then run with its lines
 * echoed (`problem` true for a refusal of the definition); the exit code its terminal or debug session ends with.
 */
export async function runFlash(operations: Operations, definition: FlashDefinition, folder: string | undefined,
	echo: (line: string, problem: boolean) => void, cancel: vscode.CancellationToken): Promise<number> {
	const request = flashRequest(definition, folder);
	if ('problem' in request) {
		echo(`DFU Flash: ${request.problem}`, true);
		void vscode.window.showErrorMessage(`DFU Flash: ${request.problem}`);
		return Exit.usage;
	}
	const told = await operations.run('DFU Flash', 'board/flash', request.params, { echo: line => echo(line, false), cancel });
	return told.ok ? Exit.done : told.cancelled ? Exit.cancelled : Exit.failed;
}
