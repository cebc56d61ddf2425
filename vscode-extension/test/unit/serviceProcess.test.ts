import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { ServiceState } from '../../src/service/dfuService';
import { BoardsChanged, OperationProgress } from '../../src/service/protocol';
import { ServiceProcess } from '../../src/service/serviceProcess';

function fakeService(log: string[], env: Record<string, string> = {}, findingJavaMs = 0): ServiceProcess {
	Object.assign(process.env, env);
	return new ServiceProcess(async () => {
		await new Promise(resolve => setTimeout(resolve, findingJavaMs));
		return { command: process.execPath, args: [path.join(__dirname, 'fakeServe.js')] };
	}, { line: text => log.push(text) });
}

/** The services of a FAKE_SERVE_LOG that started and have not ended. */
function running(log: string): string[] {
	const lines = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n') : [];
	const ended = new Set(lines.filter(line => line.startsWith('ended ')).map(line => line.substring(6)));
	return lines.filter(line => line.startsWith('started ')).map(line => line.substring(8)).filter(pid => !ended.has(pid));
}

function next<T>(subscribe: (listener: (value: T) => void) => { dispose(): void }, matching: (value: T) => boolean): Promise<T> {
	return new Promise(resolve => {
		const listener = subscribe(value => {
			if (matching(value)) {
				listener.dispose();
				resolve(value);
			}
		});
	});
}

test('requests are answered; each operation\'s lines reach its own observer; board events reach the list', async () => {
	const log: string[] = [];
	const service = fakeService(log);
	await service.start();
	try {
		assert.deepEqual((await service.list()).boards.map(board => board.port), ['1-1']);
		const lines: string[] = [];
		const changed = next<BoardsChanged>(service.onBoardsChanged, change => change.board.mode === 'DFU');
		const rebooted = await service.run('board/reboot', { board: 'port:1-1' }, { line: line => lines.push(line) });
		assert.equal(rebooted.boards[0].place, 'DFU_MODE');
		assert.deepEqual(lines, ['Rebooting port:1-1']);
		assert.equal((await changed).board.id, '1209:0002');
		assert.ok(log.includes('fake serve: started'), `the service's standard error is in the log: ${log}`);
	} finally {
		await service.stop();
	}
});

test('a cancelled flash resolves with where the board was left, which comes after the cancelled answer', async () => {
	const service = fakeService([]);
	await service.start();
	try {
		const cancel = new CancellationTokenSource();
		const progress: OperationProgress[] = [];
		const flashing = service.run('board/flash', { board: '1-1', file: 'app.bin' }, {
			progress: step => {
				progress.push(step);
				cancel.cancel();
			},
		}, cancel.token);
		const result = await flashing;
		assert.equal(result.exit, 130);
		assert.equal(result.boards[0].message, 'Cancelled. The board is left in DFU mode.');
		assert.equal(progress[0].percent, 40);
	} finally {
		await service.stop();
	}
});

test('a value the service refuses rejects with its message', async () => {
	const service = fakeService([]);
	await service.start();
	try {
		await assert.rejects(service.run('board/flash', { board: '1-1', file: '' }), /No firmware file is named/);
	} finally {
		await service.stop();
	}
});

test('a service that dies is started again, and a request it had is failed with a clear message', async () => {
	const starts = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fake-serve')), 'starts');
	const log: string[] = [];
	const service = fakeService(log, { FAKE_SERVE_LOG: starts });
	await service.start();
	try {
		const back = next<ServiceState>(service.onStateChanged, state => state.running);
		await assert.rejects(service.run('board/save', { board: '1-1', file: 'x.dfu' }),
			/The DFU Tools service ended during the request \(exit status 3\)\. Where the board was left is not known/);
		await back;
		assert.equal((await service.list()).boards.length, 1);
		assert.equal(fs.readFileSync(starts, 'utf8').match(/^started /gm)?.length, 2);
		assert.ok(log.some(line => line.startsWith('The DFU Tools service ended (exit status 3)')), log.join('\n'));
	} finally {
		await service.stop();
		delete process.env.FAKE_SERVE_LOG;
	}
});

test('a restart asked while the service still starts (a setting read as the IDE starts) leaves one service running', async () => {
	const starts = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fake-serve')), 'starts');
	const service = fakeService([], { FAKE_SERVE_LOG: starts }, 300);
	try {
		const starting = service.start();
		await service.restart();
		await starting;
		assert.equal((await service.list()).boards.length, 1);
		assert.equal(running(starts).length, 1, fs.readFileSync(starts, 'utf8'));
	} finally {
		await service.stop();
		delete process.env.FAKE_SERVE_LOG;
	}
	assert.deepEqual(running(starts), [], fs.readFileSync(starts, 'utf8'));
});

test('one that keeps dying is not started again, and says why', async () => {
	const log: string[] = [];
	const service = fakeService(log);
	await service.start();
	try {
		let state: ServiceState = service.state;
		for (let death = 0; death < 4; death++) {
			// Both awaited from before the death: the service is started again at once.
			const down = next<ServiceState>(service.onStateChanged, changed => !changed.running);
			const up = death < 3 ? next<ServiceState>(service.onStateChanged, changed => changed.running) : undefined;
			await assert.rejects(service.run('board/save', { board: '1-1', file: 'x.dfu' }), /./);
			state = await down;
			await up;
		}
		assert.equal(state.running, false);
		assert.match((state as { reason: string }).reason, /ended 4 times within a minute and is not started again/);
		await assert.rejects(service.list(), /not started again/);
	} finally {
		await service.stop();
	}
});
