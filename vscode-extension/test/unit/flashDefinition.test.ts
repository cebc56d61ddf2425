import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { flashRequest } from '../../src/flash/flashDefinition';

test('the board and the file are required, and said so before any board is touched', () => {
	assert.match((flashRequest({ file: 'app.bin' }, '/w') as { problem: string }).problem, /No board is named/);
	assert.match((flashRequest({ board: 'ABC', file: ' ' }, '/w') as { problem: string }).problem, /No firmware file is named/);
	assert.match((flashRequest({ board: 'ABC', file: '${env:HOME}/app.bin' }, '/w') as { problem: string }).problem, /variable that is not known/);
	assert.match((flashRequest({ board: 'ABC', file: 'build/app.bin' }, undefined) as { problem: string }).problem, /no workspace folder/);
});

test('the file is the workspace folder\'s, the defaults are the launch tab\'s', () => {
	const request = flashRequest({ board: 'every:1209:0001', file: '${workspaceFolder}/build/app.elf', alt: 1 }, '/w') as { params: Record<string, unknown> };
	assert.deepEqual(request.params, { board: 'every:1209:0001', file: path.resolve('/w/build/app.elf'), alt: '1', verify: false, wait: true });
	const relative = flashRequest({ board: '1-2', file: 'app.bin', verify: true, wait: false, address: ' 0x08000000 ' }, '/w') as { params: Record<string, unknown> };
	assert.deepEqual(relative.params, { board: '1-2', file: path.resolve('/w/app.bin'), address: '0x08000000', verify: true, wait: false });
});
