/**
 * A fake `dfu-tools serve` for the unit tests of the extension's client: the protocol of docs/SERVICE.md over
 * standard input and output, with boards and operations made up. FAKE_SERVE_LOG names a file each start and end
 * appends to ("started PID", "ended PID").
 */
import * as fs from 'node:fs';
import { CancellationToken, ResponseError, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';

const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
const board = { name: 'Fake board', id: '1209:0001', mode: 'RUNTIME', serial: 'FAKE', port: '1-1', problems: [], attached: true };
if (process.env.FAKE_SERVE_LOG) {
	const log = process.env.FAKE_SERVE_LOG;
	fs.appendFileSync(log, `started ${process.pid}\n`);
	process.on('exit', () => fs.appendFileSync(log, `ended ${process.pid}\n`));
}
process.stderr.write('fake serve: started\n');

connection.onRequest('boards/list', () => ({ command: 'list', exit: 0, boards: [board], sequence: 0 }));

connection.onRequest('board/reboot', async (params: { token: string; board: string }) => {
	connection.sendNotification('operation/line', { token: params.token, line: `Rebooting ${params.board}` });
	connection.sendNotification('boards/changed', { event: 'changed', board: { ...board, mode: 'DFU', id: '1209:0002' }, sequence: 1 });
	const result = { command: 'reboot', exit: 0, boards: [{ status: 'done', place: 'DFU_MODE', totalMs: 5 }] };
	connection.sendNotification('operation/ended', { token: params.token, result });
	return result;
});

// A flash that runs until it is cancelled; its end comes after the cancelled answer, as the real one's may.
connection.onRequest('board/flash', (params: { token: string; file: string }, token: CancellationToken) => {
	if (!params.file) {
		throw new ResponseError(-32602, 'No firmware file is named.');
	}
	connection.sendNotification('operation/progress', { token: params.token, percent: 40, task: 'Downloading' });
	return new Promise((_resolve, reject) => {
		token.onCancellationRequested(() => {
			reject(new ResponseError(-32800, 'cancelled'));
			setTimeout(() => connection.sendNotification('operation/ended', { token: params.token, result: {
				command: 'flash', exit: 130, boards: [{ status: 'cancelled', place: 'DFU_MODE', message: 'Cancelled. The board is left in DFU mode.' }] } }), 100);
		});
	});
});

// A service that dies in the middle of a request.
connection.onRequest('board/save', () => {
	process.stderr.write('fake serve: dying\n');
	process.exit(3);
});

connection.listen();
