import * as vscode from 'vscode';
import { Operations } from '../operations/operations';
import { FlashDefinition } from './flashDefinition';
import { runFlash } from './flashRun';
import { FLASH_TYPE } from './flashTask';

/**
 * Launch configurations of type "dfu" (launch.json): F5 or Run flashes, as a DFU Flash launch does in Eclipse. The
 * debug adapter is this extension itself: it runs the flash through the service, its lines in the Debug Console,
 * and Stop cancels it as Terminate does.
 */
export class FlashLaunches implements vscode.DebugConfigurationProvider, vscode.DebugAdapterDescriptorFactory {
	constructor(private readonly operations: Operations, private readonly configure: () => Thenable<unknown>) {}

	resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration)
		: vscode.ProviderResult<vscode.DebugConfiguration> {
		if (!configuration.type && !configuration.request && !configuration.name) {
			// F5 with no launch.json: write one for the board and file a person picks.
			return this.configure().then(() => undefined);
		}
		return configuration;
	}

	createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
		return new vscode.DebugAdapterInlineImplementation(
			new FlashSession(this.operations, session.configuration as FlashDefinition, session.workspaceFolder?.uri.fsPath));
	}
}

type Request = { seq: number; type: 'request'; command: string; arguments?: unknown };

/** One launch, as a debug adapter: initialize, launch (the flash), terminate or disconnect (a cancel). */
class FlashSession implements vscode.DebugAdapter {
	private readonly sent = new vscode.EventEmitter<vscode.DebugProtocolMessage>();
	readonly onDidSendMessage = this.sent.event;
	private readonly cancel = new vscode.CancellationTokenSource();
	private flashing?: Promise<void>;
	private seq = 1;

	constructor(private readonly operations: Operations, private readonly definition: FlashDefinition,
		private readonly folder: string | undefined) {}

	handleMessage(message: vscode.DebugProtocolMessage): void {
		const request = message as Request;
		if (request.type !== 'request') {
			return;
		}
		switch (request.command) {
			case 'initialize':
				this.respond(request, { supportsTerminateRequest: true, supportsConfigurationDoneRequest: true });
				this.event('initialized');
				break;
			case 'launch':
				this.respond(request);
				this.flashing = this.flash();
				break;
			case 'terminate':
			case 'disconnect':
				// The answer waits until the board is in a known place: Stop means Terminate, not "abandon".
				this.cancel.cancel();
				void (this.flashing ?? Promise.resolve()).then(() => this.respond(request));
				break;
			case 'threads':
				this.respond(request, { threads: [] });
				break;
			case 'stackTrace':
				this.respond(request, { stackFrames: [], totalFrames: 0 });
				break;
			default:
				this.respond(request);
		}
	}

	private async flash(): Promise<void> {
		this.end(await runFlash(this.operations, this.definition, this.folder,
			(line, problem) => this.output(line, problem ? 'stderr' : 'stdout'), this.cancel.token));
	}

	private end(exitCode: number): void {
		this.event('exited', { exitCode });
		this.event('terminated');
	}

	private output(line: string, category: 'stdout' | 'stderr'): void {
		this.event('output', { category, output: `${line}\n` });
	}

	private respond(request: Request, body?: object): void {
		const response = { seq: this.seq++, type: 'response', request_seq: request.seq, command: request.command, success: true, body };
		this.sent.fire(response as vscode.DebugProtocolMessage);
	}

	private event(event: string, body?: object): void {
		this.sent.fire({ seq: this.seq++, type: 'event', event, body } as vscode.DebugProtocolMessage);
	}

	dispose(): void {
		this.cancel.cancel();
		this.cancel.dispose();
	}
}

export { FLASH_TYPE };
