import { Board } from '../../src/service/protocol';

/** A board as the service sends it. */
export function board(port: string, changes: Partial<Board> = {}): Board {
	return { name: 'Simulated DFU device', id: '1209:0001', mode: 'RUNTIME', serial: `SER-${port}`, port, problems: [], attached: true,
		dfuVersion: '1.1', detachTimeoutMs: 1000, transferSize: 2048, attributes: ['download', 'upload'], ...changes };
}
