import * as vscode from 'vscode';
import { BoardList } from './boards/boardList';
import { BoardsView } from './boards/boardsView';
import { Commands, SHOW_OUTPUT } from './commands';
import { FlashLaunches } from './flash/flashLaunch';
import { FLASH_TYPE, FlashTasks } from './flash/flashTask';
import { LastResult } from './operations/lastResult';
import { Operations } from './operations/operations';
import { findJava, machineJava } from './service/java';
import { ServiceCommand, ServiceProcess } from './service/serviceProcess';

let service: ServiceProcess | undefined;

/** DFU Tools in VS Code and Theia: the view, the commands, the "dfu" tasks and launches, on `dfu-tools serve`. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
	const output = vscode.window.createOutputChannel('DFU Tools');
	const lastResult = new LastResult(SHOW_OUTPUT);
	service = new ServiceProcess(() => serviceCommand(context), { line: text => output.appendLine(text) });
	const view = new BoardsView(service, new BoardList());
	const operations = new Operations(service, output, lastResult);
	const commands = new Commands(service, view, operations, output);
	const launches = new FlashLaunches(operations, () => commands.configureFlash());
	const running = service;
	context.subscriptions.push(output, lastResult, view, ...commands.register(),
		vscode.tasks.registerTaskProvider(FLASH_TYPE, new FlashTasks(operations)),
		vscode.debug.registerDebugConfigurationProvider(FLASH_TYPE, launches),
		vscode.debug.registerDebugAdapterDescriptorFactory(FLASH_TYPE, launches),
		vscode.workspace.onDidChangeConfiguration(change => {
			if (change.affectsConfiguration('dfuTools')) {
				void running.restart();
			}
		}));
	await service.start();
}

export async function deactivate(): Promise<void> {
	await service?.stop();
}

/** `dfu-tools serve` from the jar inside the extension, on the Java found, with the settings. */
async function serviceCommand(context: vscode.ExtensionContext): Promise<ServiceCommand> {
	const settings = vscode.workspace.getConfiguration('dfuTools');
	const found = await findJava(settings.get<string>('javaHome'), process.env, machineJava);
	if ('problem' in found) {
		void vscode.window.showErrorMessage(found.problem, 'Open Settings').then(chosen => {
			if (chosen) {
				void vscode.commands.executeCommand('workbench.action.openSettings', 'dfuTools.javaHome');
			}
		});
		return { unavailable: found.problem };
	}
	const args = ['-XX:TieredStopAtLevel=1', '-cp', context.asAbsolutePath('server/dfu-tools.jar'), 'org.dfutools.cli.DfuTools', 'serve'];
	const dfuUtil = settings.get<string>('dfuUtilPath');
	if (dfuUtil) {
		args.push('--dfu-util', dfuUtil);
	}
	const allowance = settings.get<number>('reenumerationAllowanceMs');
	if (allowance) {
		args.push('--reenumeration-allowance', String(allowance));
	}
	const timeout = settings.get<number>('applicationTimeoutSeconds');
	if (timeout) {
		args.push('--application-timeout', String(timeout));
	}
	return { command: found.java, args };
}
