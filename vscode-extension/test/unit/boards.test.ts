import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoardList } from '../../src/boards/boardList';
import { contextValue, description, details, lastingName } from '../../src/boards/boardText';
import { board } from './fixtures';


test('a board that re-enumerates keeps its entry, in its place, through its time off the bus', () => {
	const list = new BoardList();
	let changes = 0;
	list.onDidChange(() => changes++);
	list.replaceAll([board('1-10'), board('1-2')]);
	assert.deepEqual(list.all().map(one => one.port), ['1-2', '1-10']);
	list.apply({ event: 'changed', board: board('1-2', { attached: false }) });
	assert.equal(list.all().length, 2);
	assert.equal(contextValue(list.get('1-2')!), 'dfuBoard.away');
	list.apply({ event: 'changed', board: board('1-2', { mode: 'DFU', id: '1209:0002' }) });
	assert.deepEqual(list.all().map(one => one.port), ['1-2', '1-10']);
	assert.equal(list.get('1-2')!.id, '1209:0002');
	list.apply({ event: 'removed', board: board('1-10') });
	assert.deepEqual(list.all().map(one => one.port), ['1-2']);
	assert.equal(changes, 4);
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
