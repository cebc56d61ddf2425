import { ChildProcess, spawn } from 'child_process';
import * as readline from 'readline';
import {
	CancellationToken,
	Emitter,
	MessageConnection,
	ResponseError,
	StreamMessageReader,
	StreamMessageWriter,
	createMessageConnection,
	ErrorCodes,
} from 'vscode-jsonrpc/node';
import { DfuService, OperationObserver, ServiceState } from './dfuService';
import { BoardMethod, BoardsChanged, BoardsDocument, OperationEnded, OperationLine, OperationProgress, ResultDocument } from './protocol';

/** JSON-RPC's answer to a request its client cancelled. */
const REQUEST_CANCELLED = -32800;
/** What the connection answers itself when the service is gone. */
const LOST: number[] = [ErrorCodes.PendingResponseRejected, ErrorCodes.ConnectionInactive, ErrorCodes.MessageWriteError,
	ErrorCodes.MessageReadError];
/** A service that ends this often within this long is not started again: something is wrong that a restart won't fix. */
const RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

/** How to start the service: the command and its arguments, or why it cannot start (no Java, say). */
export type ServiceCommand = { command: string; args: string[] } | { unavailable: string };

/** Where the service's own words go: its standard error and its starts and ends. */
export interface ServiceLog {
	line(text: string): void;
}

/**
 * `dfu-tools serve` as a child process, spoken to in JSON-RPC over its standard input and output. Started again when
 * it dies (at most three times a minute); its standard error goes to the log line by line. Starts, stops and restarts
 * run one after another: a restart asked while a start still looks for Java must not leave a second service running.
 */
export class ServiceProcess implements DfuService {
	private readonly boardsChanged = new Emitter<BoardsChanged>();
	private readonly stateChanged = new Emitter<ServiceState>();
	readonly onBoardsChanged = this.boardsChanged.event;
	readonly onStateChanged = this.stateChanged.event;
	private current: ServiceState = { running: false, reason: 'The DFU Tools service has not started yet.' };
	private connection?: MessageConnection;
	private child?: ChildProcess;
	private readonly observers = new Map<string, OperationObserver>();
	private readonly endings = new Map<string, { resolve(result: ResultDocument): void; reject(error: Error): void }>();
	private tokens = 0;
	private ends: number[] = [];
	private stopped = false;
	/** The last start, stop or restart asked: the next one runs after it. */
	private lifecycle: Promise<void> = Promise.resolve();

	constructor(private readonly command: () => Promise<ServiceCommand>, private readonly log: ServiceLog) {}

	get state(): ServiceState {
		return this.current;
	}

	/** Starts the service; its state tells whether it runs. */
	start(): Promise<void> {
		return this.serially(() => this.startNow());
	}

	/** Ends the service: it cancels what runs and leaves the boards in a known place before it exits. */
	stop(): Promise<void> {
		return this.serially(() => this.stopNow());
	}

	/** Starts it again with the settings as they are now (a setting changed). */
	restart(): Promise<void> {
		return this.serially(async () => {
			await this.stopNow();
			this.ends = [];
			await this.startNow();
		});
	}

	private serially(step: () => Promise<void>): Promise<void> {
		const done = this.lifecycle.then(step);
		this.lifecycle = done.catch(() => undefined);
		return done;
	}

	private async startNow(): Promise<void> {
		this.stopped = false;
		const command = await this.command();
		if ('unavailable' in command) {
			this.setState({ running: false, reason: command.unavailable });
			return;
		}
		this.log.line(`Starting the DFU Tools service: ${command.command} ${command.args.join(' ')}`);
		const child = spawn(command.command, command.args, { stdio: ['pipe', 'pipe', 'pipe'] });
		this.child = child;
		readline.createInterface({ input: child.stderr! }).on('line', line => this.log.line(line));
		const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
		connection.onNotification('boards/changed', (change: BoardsChanged) => this.boardsChanged.fire(change));
		connection.onNotification('operation/line', (line: OperationLine) => this.observers.get(line.token)?.line?.(line.line, line.port));
		connection.onNotification('operation/progress', (progress: OperationProgress) =>
			this.observers.get(progress.token)?.progress?.(progress));
		connection.onNotification('operation/ended', (end: OperationEnded) => this.endings.get(end.token)?.resolve(end.result));
		child.on('error', error => this.ended(child, `The DFU Tools service could not start: ${error.message}`));
		child.on('exit', (code, signal) =>
			this.ended(child, `The DFU Tools service ended (${signal ?? `exit status ${code}`}).`));
		connection.listen();
		this.connection = connection;
		this.setState({ running: true });
	}

	private async stopNow(): Promise<void> {
		this.stopped = true;
		const child = this.child;
		if (!child || child.exitCode !== null) {
			return;
		}
		const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
		child.stdin?.end();
		const limit = setTimeout(() => child.kill(), 65_000);
		await exited;
		clearTimeout(limit);
	}

	async list(): Promise<BoardsDocument> {
		return this.connected().sendRequest<BoardsDocument>('boards/list');
	}

	async run(method: BoardMethod, params: object, observer: OperationObserver = {}, cancel?: CancellationToken): Promise<ResultDocument> {
		const connection = this.connected();
		const token = `${method.substring(method.indexOf('/') + 1)}-${++this.tokens}`;
		this.observers.set(token, observer);
		// Registered before the request goes: a cancelled request's end may come before its answer.
		const ended = new Promise<ResultDocument>((resolve, reject) => this.endings.set(token, { resolve, reject }));
		ended.catch(() => undefined);
		try {
			return await (cancel
				? connection.sendRequest<ResultDocument>(method, { ...params, token }, cancel)
				: connection.sendRequest<ResultDocument>(method, { ...params, token }));
		} catch (error) {
			if (error instanceof ResponseError && error.code === REQUEST_CANCELLED) {
				return await ended;
			}
			if (error instanceof ResponseError && !LOST.includes(error.code)) {
				throw new Error(error.message);
			}
			// The service is gone: its end says why.
			throw await ended.then(() => error, reason => reason);
		} finally {
			this.observers.delete(token);
			this.endings.delete(token);
		}
	}

	private connected(): MessageConnection {
		if (!this.connection || !this.current.running) {
			throw new Error(this.current.running ? 'The DFU Tools service is starting.' : this.current.reason);
		}
		return this.connection;
	}

	private ended(child: ChildProcess, reason: string): void {
		if (child !== this.child) {
			return;
		}
		this.child = undefined;
		this.connection?.dispose();
		this.connection = undefined;
		for (const ending of this.endings.values()) {
			ending.reject(new Error(`${reason.replace(/ ended \((.*)\)\.$/, ' ended during the request ($1).')} Where the board was left is not known: look in the DFU Devices view.`));
		}
		if (this.stopped) {
			this.setState({ running: false, reason: 'The DFU Tools service was stopped.' });
			return;
		}
		const now = Date.now();
		this.ends = [...this.ends.filter(time => now - time < RESTART_WINDOW_MS), now];
		this.log.line(reason);
		if (this.ends.length > RESTARTS) {
			this.setState({ running: false, reason: `${reason} It ended ${this.ends.length} times within a minute and is not started again: see the DFU Tools output.` });
			return;
		}
		this.setState({ running: false, reason });
		void this.start();
	}

	private setState(state: ServiceState): void {
		this.current = state;
		this.stateChanged.fire(state);
	}
}
