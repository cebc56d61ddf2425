import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { outcome } from '../../src/operations/outcome';
import { board } from './fixtures';

test('a done reboot says where the board is and as what', () => {
	const told = outcome('Reboot to DFU', { command: 'reboot', exit: 0, boards: [
		{ status: 'done', place: 'DFU_MODE', before: board('1-1'), after: board('1-1', { mode: 'DFU', id: '1209:0002' }), totalMs: 145 }] });
	assert.equal(told.ok, true);
	assert.equal(told.text, 'Simulated DFU device (1-1): in DFU mode as 1209:0002 after 145 ms.');
	assert.equal(told.short, 'Reboot to DFU done');
});

test('a failure is the service\'s own message, which says where the board was left', () => {
	const told = outcome('DFU Flash', { command: 'flash', exit: 6, boards: [
		{ status: 'failed', place: 'DFU_MODE', message: 'dfu-util failed (exit status 74). The board is left in DFU mode.' }] });
	assert.equal(told.ok, false);
	assert.equal(told.text, 'dfu-util failed (exit status 74). The board is left in DFU mode.');
	assert.equal(told.short, 'DFU Flash failed');
});

test('several boards: one sentence each, and how many failed', () => {
	const told = outcome('DFU Flash', { command: 'flash', exit: 1, boards: [
		{ status: 'done', place: 'RUNTIME', before: board('1-1'), after: board('1-1'), bytesWritten: 4096, verified: true, totalMs: 600 },
		{ status: 'failed', place: 'RUNTIME', port: '1-2', message: 'The board did not come back.' }] });
	assert.equal(told.short, 'DFU Flash failed on 1 of 2 boards');
	assert.equal(told.text, 'Simulated DFU device (1-1): 4096 bytes written and verified; running its application as 1209:0001 after 600 ms.'
		+ ' The board did not come back.');
});

test('stopped before any board: the document\'s message', () => {
	const told = outcome('DFU Flash', { command: 'flash', exit: 4, boards: [], message: 'No attached board has serial number "X".' });
	assert.deepEqual([told.ok, told.text], [false, 'No attached board has serial number "X".']);
	assert.equal(outcome('Reboot to DFU', { command: 'reboot', exit: 130, boards: [{ status: 'cancelled', place: 'RUNTIME', message: 'Cancelled.' }] }).short,
		'Reboot to DFU cancelled');
});
