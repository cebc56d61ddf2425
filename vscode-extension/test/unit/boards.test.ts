import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoardList } from '../../src/boards/boardList';
import { NO_BOARDS, contextValue, description, details, lastingName, viewMessage } from '../../src/boards/boardText';
import { board } from './fixtures';


test('a board that re-enumerates keeps its entry, in its place, through its time off the bus', () => {
	const list = new BoardList();
	let changes = 0;
	list.onDidChange(() => changes++);
	list.replaceAll([board('1-10'), board('1-2')], 0);
	assert.deepEqual(list.all().map(one => one.port), ['1-2', '1-10']);
	list.apply({ event: 'changed', board: board('1-2', { attached: false }), sequence: 1 });
	assert.equal(list.all().length, 2);
	assert.equal(contextValue(list.get('1-2')!), 'dfuBoard.away');
	list.apply({ event: 'changed', board: board('1-2', { mode: 'DFU', id: '1209:0002' }), sequence: 2 });
	assert.deepEqual(list.all().map(one => one.port), ['1-2', '1-10']);
	assert.equal(list.get('1-2')!.id, '1209:0002');
	list.apply({ event: 'removed', board: board('1-10'), sequence: 3 });
	assert.deepEqual(list.all().map(one => one.port), ['1-2']);
	assert.equal(changes, 4);
});

test('a list taken before an event that came first leaves that event\'s port as the event left it', () => {
	// The service takes a list on one thread and sends events on another: in the Theia test, a board attached
	// as the view opened came as an event before the list that was taken before it, and its row never showed.
	const list = new BoardList();
	list.apply({ event: 'added', board: board('1-3'), sequence: 1 });
	list.apply({ event: 'removed', board: board('1-1'), sequence: 2 });
	list.replaceAll([board('1-1'), board('1-2')], 0);
	assert.deepEqual(list.all().map(one => one.port), ['1-2', '1-3']);
	// A list that includes the events is taken as it is; an older one, or an event it includes, changes nothing.
	list.replaceAll([board('1-1'), board('1-3', { mode: 'DFU' })], 2);
	assert.deepEqual(list.all().map(one => one.port), ['1-1', '1-3']);
	list.replaceAll([], 1);
	list.apply({ event: 'removed', board: board('1-3'), sequence: 2 });
	assert.deepEqual(list.all().map(one => `${one.port} ${one.mode}`), ['1-1 RUNTIME', '1-3 DFU']);
	// Events after the list apply; an event older than its port's last does not.
	list.apply({ event: 'changed', board: board('1-1', { mode: 'DFU' }), sequence: 4 });
	list.apply({ event: 'changed', board: board('1-1', { attached: false }), sequence: 3 });
	assert.equal(list.get('1-1')!.mode, 'DFU');
	assert.equal(list.get('1-1')!.attached, true);
	// A new service numbers from the start.
	list.clear();
	list.apply({ event: 'added', board: board('1-5'), sequence: 1 });
	assert.deepEqual(list.all().map(one => one.port), ['1-5']);
});

test('the menus tell the modes apart: Reboot to DFU for run-time, Start Application for DFU and DfuSe', () => {
	assert.equal(contextValue(board('1-1')), 'dfuBoard.runtime');
	assert.equal(contextValue(board('1-1', { mode: 'DFU' })), 'dfuBoard.dfu');
	assert.equal(contextValue(board('1-1', { mode: 'DFUSE' })), 'dfuBoard.dfu');
	assert.equal(description(board('1-1', { attached: false })), '1209:0001 · Re-enumerating... · port 1-1');
});

test('the details are the Eclipse view\'s columns, then the problems', () => {
	const lines = details(board('1-3', { problems: ['The DFU functional descriptor is 7 bytes long, not 9.'] }));
	assert.deepEqual(lines.map(line => line.substring(0, line.indexOf(':'))),
		['Name', 'VID', 'Mode', 'Serial', 'Port', 'DFU version', 'Detach timeout', 'Transfer size', 'Attributes', 'Problem']);
	assert.ok(lines.includes('Detach timeout: 1000 ms'));
	assert.ok(lines.includes('Problem: The DFU functional descriptor is 7 bytes long, not 9.'));
});

test('a saved configuration names a board by a serial no other board has, else by its port', () => {
	const one = board('1-1', { serial: 'ABC' });
	const twin = board('1-2', { serial: 'ABC' });
	const none = board('1-3', { serial: '' });
	assert.equal(lastingName(one, [one, none]), 'serial:ABC');
	assert.equal(lastingName(one, [one, twin]), 'port:1-1');
	assert.equal(lastingName(none, [one, none]), 'port:1-3');
});

test('an empty view says why: the problem when there is one, else that no board is attached', () => {
	assert.equal(viewMessage(undefined, 0), NO_BOARDS);
	assert.equal(viewMessage(undefined, 2), undefined);
	assert.equal(viewMessage('The DFU Tools service ended (exit status 1).', 0), 'The DFU Tools service ended (exit status 1).');
	assert.equal(viewMessage('The list failed.', 1), 'The list failed.');
});
