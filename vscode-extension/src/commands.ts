import * as path from 'path';
import * as vscode from 'vscode';
import { BoardsView } from './boards/boardsView';
import { byPort, inDfuMode, lastingName } from './boards/boardText';
import { FlashDefinition, flashName } from './flash/flashDefinition';
import { FLASH_TYPE } from './flash/flashTask';
import { Operations } from './operations/operations';
import { DfuService } from './service/dfuService';
import { Board } from './service/protocol';

export const SHOW_OUTPUT = 'dfuTools.showOutput';
const FIRMWARE = { Firmware: ['bin', 'dfu', 'elf', 'axf', 'out', 'hex', 'ihex', 'srec', 's19', 's28', 's37', 'mot'], 'All files': ['*'] };

/** The commands of the view's menus and the command palette. */
export class Commands {
	constructor(private readonly service: DfuService, private readonly view: BoardsView, private readonly operations: Operations,
		private readonly output: vscode.OutputChannel) {}

	register(): vscode.Disposable[] {
		return [
			vscode.commands.registerCommand('dfuTools.refresh', () => this.view.reload()),
			vscode.commands.registerCommand(SHOW_OUTPUT, () => this.output.show(true)),
			vscode.commands.registerCommand('dfuTools.rebootToDfu', (board?: Board, together?: Board[]) => this.reboot(board, together)),
			vscode.commands.registerCommand('dfuTools.startApplication', (board?: Board, together?: Board[]) => this.start(board, together)),
			vscode.commands.registerCommand('dfuTools.copyDfuUtilArguments', (board?: Board, together?: Board[]) => this.copyArguments(board, together)),
			vscode.commands.registerCommand('dfuTools.copyUdevRule', (board?: Board, together?: Board[]) => this.copyUdevRule(board, together)),
			vscode.commands.registerCommand('dfuTools.saveFirmware', (board?: Board) => this.save(board)),
			vscode.commands.registerCommand('dfuTools.flashFirmware', (board?: Board, together?: Board[]) => this.configureFlash(board, together)),
		];
	}

	private async reboot(clicked?: Board, together?: Board[]): Promise<void> {
		const boards = await this.boards(clicked, together, 'Reboot to DFU', board => board.attached && !inDfuMode(board));
		if (boards) {
			await this.operations.run('Reboot to DFU', 'board/reboot', { board: byPort(boards) });
		}
	}

	private async start(clicked?: Board, together?: Board[]): Promise<void> {
		const boards = await this.boards(clicked, together, 'Start Application', board => board.attached && inDfuMode(board));
		if (boards) {
			await this.operations.run('Start Application', 'board/start', { board: byPort(boards) });
		}
	}

	private async copyArguments(clicked?: Board, together?: Board[]): Promise<void> {
		const boards = await this.boards(clicked, together, 'Copy dfu-util Arguments', () => true);
		if (boards) {
			await this.copy('board/args', boards, result => result.commandLine, 'dfu-util arguments');
		}
	}

	private async copyUdevRule(clicked?: Board, together?: Board[]): Promise<void> {
		const boards = await this.boards(clicked, together, 'Copy udev Rule', () => true);
		if (boards) {
			await this.copy('board/udevRule', boards, result => result.rule, 'udev rule');
		}
	}

	private async copy(method: 'board/args' | 'board/udevRule', boards: Board[], text: (result: { commandLine?: string; rule?: string }) => string | undefined,
		what: string): Promise<void> {
		try {
			const result = await this.service.run(method, { board: byPort(boards) });
			const lines = result.boards.map(text).filter((line): line is string => !!line);
			if (lines.length === 0) {
				void vscode.window.showErrorMessage(result.message ?? `No ${what} for ${boards.map(board => board.name).join(', ')}.`);
				return;
			}
			await vscode.env.clipboard.writeText(lines.join('\n'));
			this.output.appendLine(`Copied the ${what}:\n${lines.join('\n')}`);
			void vscode.window.setStatusBarMessage(`Copied the ${what} of ${boards.map(board => board.name).join(', ')}`, 5000);
		} catch (error) {
			void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
		}
	}

	private async save(clicked?: Board): Promise<void> {
		const boards = await this.boards(clicked, undefined, 'Save Firmware from Board', board => board.attached, false);
		if (!boards) {
			return;
		}
		const board = boards[0];
		const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
		const target = await vscode.window.showSaveDialog({
			title: `Save the firmware of ${board.name}`,
			defaultUri: folder ? vscode.Uri.joinPath(folder, `${safe(board.name)}-${safe(board.serial || board.port)}.dfu`) : undefined,
			filters: { 'DFU file (flashes back to the board)': ['dfu'], 'Raw image': ['bin'] },
		});
		if (target) {
			await this.operations.run('Save Firmware from Board', 'board/save', { board: byPort([board]), file: target.fsPath });
		}
	}

	/**
	 * "Flash Firmware...": the board(s) and the file picked, a launch configuration written for them into
	 * launch.json, and run: next time, F5 or the Run view runs it again.
	 */
	async configureFlash(clicked?: Board, together?: Board[]): Promise<void> {
		const boards = await this.boards(clicked, together, 'Flash Firmware', board => board.attached);
		if (!boards) {
			return;
		}
		const folder = vscode.workspace.workspaceFolders?.[0];
		const files = await vscode.window.showOpenDialog({
			title: `Firmware to flash to ${boards.map(board => board.name).join(', ')}`, canSelectMany: false,
			defaultUri: folder?.uri, filters: FIRMWARE, openLabel: 'Flash',
		});
		if (!files || files.length === 0) {
			return;
		}
		const all = this.view.boards.all();
		const board = boards.length === 1 ? lastingName(boards[0], all) : byPort(boards);
		const file = folder && !path.relative(folder.uri.fsPath, files[0].fsPath).startsWith('..')
			? `\${workspaceFolder}/${path.relative(folder.uri.fsPath, files[0].fsPath).split(path.sep).join('/')}` : files[0].fsPath;
		const definition: FlashDefinition = { board, file, alt: 0, verify: false, wait: true };
		const configuration = { type: FLASH_TYPE, request: 'launch', name: flashName({ board: boards.map(one => one.name).join(', '), file }), ...definition };
		if (folder) {
			const launch = vscode.workspace.getConfiguration('launch', folder.uri);
			const configurations = (launch.get<vscode.DebugConfiguration[]>('configurations') ?? [])
				.filter(existing => existing.name !== configuration.name);
			await launch.update('configurations', [...configurations, configuration], vscode.ConfigurationTarget.WorkspaceFolder);
		}
		await vscode.debug.startDebugging(folder, configuration);
	}

	/**
	 * The boards a command is for: those it was invoked on, else the view's selection, else one picked from the
	 * boards it can work on. A board it cannot work on is told, not sent.
	 */
	private async boards(clicked: Board | undefined, together: Board[] | undefined, action: string, fits: (board: Board) => boolean,
		many = true): Promise<Board[] | undefined> {
		let boards = this.view.selected(clicked, together);
		if (boards.length === 0) {
			const candidates = this.view.boards.all().filter(fits);
			if (candidates.length === 0) {
				void vscode.window.showWarningMessage(`${action}: no attached board fits. Plug one in, or look at the DFU Devices view.`);
				return undefined;
			}
			const picked = await vscode.window.showQuickPick(candidates.map(board => ({ label: board.name, description: `${board.id} · port ${board.port}`, board })),
				{ title: action, canPickMany: many, placeHolder: 'The board' });
			if (!picked) {
				return undefined;
			}
			boards = Array.isArray(picked) ? picked.map(item => item.board) : [picked.board];
		}
		const unfit = boards.filter(board => !fits(board));
		if (unfit.length > 0) {
			void vscode.window.showWarningMessage(`${action}: ${unfit.map(board => `${board.name} (${board.port})`).join(', ')} ${unfit.length === 1 ? 'is' : 'are'} not in the mode for it.`);
			return undefined;
		}
		return boards.length > 0 ? (many ? boards : boards.slice(0, 1)) : undefined;
	}
}

function safe(text: string): string {
	return text.replace(/[^A-Za-z0-9._-]+/g, '-');
}
