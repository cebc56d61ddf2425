import { CancellationToken, Event } from 'vscode-jsonrpc';
import { BoardMethod, BoardsChanged, BoardsDocument, OperationProgress, ResultDocument } from './protocol';

/** What one running operation tells as it goes: its console's lines and its progress. */
export interface OperationObserver {
	line?(line: string, port?: string): void;
	progress?(progress: OperationProgress): void;
}

/** Whether the service runs, and why not when it does not. */
export type ServiceState = { running: true } | { running: false; reason: string };

/**
 * The service as the extension's views and commands use it: the process of `dfu-tools serve` in the product, a fake
 * in the unit tests.
 */
export interface DfuService {
	readonly onBoardsChanged: Event<BoardsChanged>;
	readonly onStateChanged: Event<ServiceState>;
	readonly state: ServiceState;

	/** The attached boards. */
	list(): Promise<BoardsDocument>;

	/**
	 * One request on boards. Cancelled, it resolves once the service says where the boards were left (its
	 * `operation/ended`), not before; a value the service cannot take rejects with its message.
	 */
	run(method: BoardMethod, params: object, observer?: OperationObserver, cancel?: CancellationToken): Promise<ResultDocument>;
}
