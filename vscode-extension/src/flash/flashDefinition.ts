import * as path from 'path';

/** A flash as tasks.json (type "dfu") and launch.json (type "dfu") write it. */
export interface FlashDefinition {
	board?: string;
	file?: string;
	alt?: string | number;
	address?: string;
	verify?: boolean;
	wait?: boolean;
	transferSize?: string | number;
	dfuUtilArgs?: string;
}

/** The service's `board/flash` parameters of a definition, or what is wrong with it (before any board is touched). */
export type FlashRequest = { params: Record<string, string | boolean> } | { problem: string };

/**
 * The request of a definition: the board and the file are required; `${workspaceFolder}` and a relative file are
 * the workspace folder's. Values are checked again by the service, which answers a bad one before touching a board.
 */
export function flashRequest(definition: FlashDefinition, workspaceFolder: string | undefined): FlashRequest {
	const board = definition.board?.trim();
	const file = definition.file?.trim();
	if (!board) {
		return { problem: 'No board is named: set "board" to a serial number, a port (1-2), a VID:PID, or every:VID:PID.' };
	}
	if (!file) {
		return { problem: 'No firmware file is named: set "file" to a .bin, .dfu, ELF, Intel HEX or S-record file.' };
	}
	const expanded = workspaceFolder === undefined ? file : file.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
	if (/\$\{[^}]*\}/.test(expanded)) {
		return { problem: `The file ${file} names a variable that is not known here: use \${workspaceFolder} or a path.` };
	}
	if (!path.isAbsolute(expanded) && workspaceFolder === undefined) {
		return { problem: `The file ${file} is relative, and there is no workspace folder to start from.` };
	}
	const params: Record<string, string | boolean> = {
		board,
		file: workspaceFolder === undefined ? expanded : path.resolve(workspaceFolder, expanded),
	};
	if (definition.alt !== undefined && String(definition.alt).trim() !== '') {
		params.alt = String(definition.alt).trim();
	}
	if (definition.address) {
		params.address = definition.address.trim();
	}
	if (definition.transferSize !== undefined && String(definition.transferSize).trim() !== '') {
		params.transferSize = String(definition.transferSize).trim();
	}
	if (definition.dfuUtilArgs) {
		params.dfuUtilArgs = definition.dfuUtilArgs;
	}
	params.verify = definition.verify === true;
	params.wait = definition.wait !== false;
	return { params };
}

/** The name a flash goes by in the task list and the Run view. */
export function flashName(definition: FlashDefinition): string {
	return `Flash ${path.basename(definition.file ?? 'firmware')} to ${definition.board ?? 'a board'}`;
}
