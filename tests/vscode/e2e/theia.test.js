// The extension's .vsix in a Theia browser application (tests/vscode/theia), driven by headless Chromium as a
// person drives it, against the simulated bench (run by tests/vscode/run inside testbench/usbsim) with the real
// dfu-tools service, libusb and dfu-util. Screenshots go to SCREENSHOTS (target/screenshots/theia).
'use strict';
const assert = require('node:assert/strict');
const { after, before, describe, test } = require('node:test');
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const APP = path.join(ROOT, 'tests', 'vscode', 'theia');
const VSIX = process.env.DFU_VSIX;
const JAVA = process.env.DFU_JAVA;
const SCREENSHOTS = process.env.SCREENSHOTS || path.join(ROOT, 'target', 'screenshots', 'theia');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LIMIT = 60_000;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dfu-theia-'));
const workspace = path.join(work, 'workspace');
const serviceErrors = path.join(work, 'service-stderr.log');
const consoleErrors = [];
let backend;
let browser;
let page;
let shots = 0;

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Plugs a board into the bench: its port. */
function attach(name, spec) {
	const file = path.join(work, `${name}.json`);
	fs.writeFileSync(file, JSON.stringify(spec));
	const answer = execFileSync(path.join(ROOT, 'testbench', 'usbsim-ctl'), ['attach', file], { encoding: 'utf8' }).trim();
	assert.match(answer, /^ok /, `the bench did not attach ${name}: ${answer}`);
	return answer.split(/\s+/).pop();
}

function board(serial, product, pid, extra = {}) {
	return {
		name: serial,
		runtime: { pid: `0x${pid.toString(16)}`, serial, product },
		dfu: { pid: `0x${(pid + 1).toString(16)}`, alts: [{ name: 'Flash', output: path.join(work, `${serial}.written`) }], ...extra },
	};
}

async function shot(name) {
	shots += 1;
	await page.screenshot({ path: path.join(SCREENSHOTS, `${String(shots).padStart(2, '0')}-${name}.png`) });
}

/** The tree's rows as text: each row's label and description. */
function rows() {
	return page.$$eval('.theia-TreeNode', nodes => nodes.map(node => node.textContent.trim()));
}

async function rowOf(label) {
	const row = await page.waitForFunction(text => [...document.querySelectorAll('.theia-TreeNode')]
		.find(node => node.textContent.includes(text)), { timeout: LIMIT }, label);
	return row.asElement();
}

async function contextMenu(label, item) {
	// The tree renders its rows again on each board event: a row found may be gone by the click, so look again.
	for (let attempt = 1; ; attempt++) {
		const row = await rowOf(label);
		const box = await row.boundingBox();
		if (box) {
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
			if (await page.waitForSelector('.lm-Menu', { visible: true, timeout: 2000 }).catch(() => undefined)) {
				break;
			}
		}
		assert.ok(attempt < 10, `no context menu on ${label}`);
	}
	const entry = await page.waitForFunction(text => [...document.querySelectorAll('.lm-Menu .lm-Menu-item')]
		.find(node => node.querySelector('.lm-Menu-itemLabel')?.textContent.trim() === text), { timeout: LIMIT }, item);
	await shot(`menu-${item.replace(/\W+/g, '-')}`);
	await entry.asElement().click();
}

async function statusBar(text) {
	await page.waitForFunction(wanted => [...document.querySelectorAll('#theia-statusBar .element')]
		.some(node => node.textContent.includes(wanted)), { timeout: LIMIT }, text);
}

/** A notification whose text includes `text`: its whole text. */
async function notification(text) {
	const found = await page.waitForFunction(wanted => [...document.querySelectorAll('.theia-notification-list-item')]
		.find(node => node.textContent.includes(wanted)), { timeout: LIMIT }, text);
	return found.evaluate(node => node.textContent);
}

async function clickInNotification(text, button) {
	const found = await page.waitForFunction((wanted, label) => [...document.querySelectorAll('.theia-notification-list-item')]
		.filter(node => node.textContent.includes(wanted))
		.flatMap(node => [...node.querySelectorAll('button, .theia-button')])
		.find(node => node.textContent.trim() === label), { timeout: LIMIT }, text, button);
	await found.asElement().click();
}

async function clearNotifications() {
	await page.evaluate(() => document.querySelectorAll('.theia-notification-list-item .codicon-close, .theia-notification-list-item [title="Clear"]')
		.forEach(close => close.click()));
}

async function runTask(label) {
	await page.keyboard.press('Escape');
	await page.keyboard.press('F1');
	await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: LIMIT });
	await page.keyboard.type('Run Task', { delay: 5 });
	const command = await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')]
		.find(node => node.textContent.includes('Task: Run Task')), { timeout: LIMIT });
	await command.asElement().click();
	const task = await page.waitForFunction(text => [...document.querySelectorAll('.quick-input-list .monaco-list-row')]
		.find(node => node.textContent.includes(text)), { timeout: LIMIT }, label);
	await task.asElement().click();
}

/** A test that leaves a screenshot of the page as it was when it failed. */
function step(name, body) {
	test(name, async () => {
		try {
			await body();
		} catch (error) {
			await shot(`failed-${name.replace(/\W+/g, '-').substring(0, 40)}`).catch(() => undefined);
			throw error;
		}
	});
}

describe('DFU Tools in a Theia application', () => {
	before(async () => {
		assert.ok(VSIX && fs.existsSync(VSIX), `no .vsix: ${VSIX}`);
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
		// The Java the service runs on, behind a wrapper that keeps the service's standard error for the test.
		const javaHome = path.join(work, 'java');
		fs.mkdirSync(path.join(javaHome, 'bin'), { recursive: true });
		fs.writeFileSync(path.join(javaHome, 'bin', 'java'),
			`#!/bin/bash\nexec '${JAVA}' "$@" 2> >(tee -a '${serviceErrors}' >&2)\n`, { mode: 0o755 });
		const config = path.join(work, 'theia-config');
		fs.mkdirSync(path.join(config, 'extensions'), { recursive: true });
		fs.copyFileSync(VSIX, path.join(config, 'extensions', path.basename(VSIX)));
		fs.writeFileSync(path.join(config, 'settings.json'), JSON.stringify({
			'security.workspace.trust.enabled': false,
			'workbench.startupEditor': 'none',
			'dfuTools.javaHome': javaHome,
		}));
		const logFile = fs.openSync(path.join(SCREENSHOTS, 'theia-backend.log'), 'w');
		backend = spawn(process.execPath, [path.join(APP, 'lib', 'backend', 'main.js'), workspace, '--hostname', '127.0.0.1',
			'--port', '0'], { cwd: APP, env: { ...process.env, THEIA_CONFIG_DIR: config }, stdio: ['ignore', 'pipe', logFile] });
		const url = await new Promise((resolve, reject) => {
			let seen = '';
			const limit = setTimeout(() => reject(new Error(`the Theia backend did not listen within ${LIMIT} ms: ${seen}`)), LIMIT);
			backend.stdout.on('data', data => {
				seen += data;
				fs.appendFileSync(path.join(SCREENSHOTS, 'theia-backend.log'), data);
				const listening = /listening on (http:\/\/[\w.-]+:\d+)/.exec(seen);
				if (listening) {
					clearTimeout(limit);
					resolve(listening[1]);
				}
			});
			backend.on('exit', code => reject(new Error(`the Theia backend ended (${code}): ${seen}`)));
		});
		const profile = fs.mkdtempSync(path.join(work, 'chromium-'));
		browser = await puppeteer.launch({
			executablePath: CHROMIUM, headless: true, defaultViewport: { width: 1400, height: 900 },
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
				'--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--window-size=1400,900'],
		});
		await browser.defaultBrowserContext().overridePermissions(new URL(url).origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
		page = await browser.newPage();
		page.on('console', message => {
			if (message.type() === 'error') {
				consoleErrors.push(`${message.text()} @ ${message.location()?.url ?? ''}`);
			}
		});
		page.on('pageerror', error => consoleErrors.push(`page error: ${error.message}`));
		await page.goto(url, { waitUntil: 'domcontentloaded' });
		await page.waitForSelector('#theia-app-shell', { timeout: LIMIT });
		await page.waitForFunction(() => !document.querySelector('.theia-preload'), { timeout: LIMIT });
	});

	after(async () => {
		await browser?.close();
		backend?.kill();
		fs.rmSync(work, { recursive: true, force: true });
	});

	const firmware = crypto.randomBytes(48 * 1024);
	let port;

	step('the DFU Devices view lists the bench\'s boards, live', async () => {
		const tab = '[id="shell-tab-plugin-view-container:workbench.view.extension.dfuTools"]';
		await page.waitForSelector(tab, { timeout: LIMIT });
		await page.click(tab);
		port = attach('THEIA-1', board('THEIA-1', 'Theia board', 0x0e01));
		await rowOf('Theia board');
		const added = attach('THEIA-2', board('THEIA-2', 'Second board', 0x0e11));
		await rowOf('Second board');
		const listed = await rows();
		assert.ok(listed.some(row => row.includes('Theia board') && row.includes('1209:0e01') && row.includes('Run-time') && row.includes(`port ${port}`)),
			listed.join('\n'));
		await shot('devices');
		execFileSync(path.join(ROOT, 'testbench', 'usbsim-ctl'), ['detach', added]);
		await page.waitForFunction(() => ![...document.querySelectorAll('.theia-TreeNode')].some(node => node.textContent.includes('Second board')),
			{ timeout: LIMIT });
	});

	step('Reboot to DFU follows the board into DFU mode, and its row stays', async () => {
		// Every change of the tree is watched: the board's row must be there each time, until it is in DFU mode.
		await page.evaluate(() => {
			window.dfuRowLost = false;
			window.dfuRowWatch = new MutationObserver(() => {
				if (![...document.querySelectorAll('.theia-TreeNode')].some(node => node.textContent.includes('Theia board'))) {
					window.dfuRowLost = true;
				}
			});
			window.dfuRowWatch.observe(document.body, { childList: true, subtree: true, characterData: true });
		});
		await contextMenu('Theia board', 'Reboot to DFU');
		await page.waitForFunction(() => [...document.querySelectorAll('.theia-TreeNode')]
			.some(node => node.textContent.includes('Theia board') && node.textContent.includes('1209:0e02') && node.textContent.includes('DFU')),
		{ timeout: LIMIT });
		const lost = await page.evaluate(() => {
			window.dfuRowWatch.disconnect();
			return window.dfuRowLost;
		});
		assert.equal(lost, false, 'the board\'s row left the tree while it re-enumerated');
		await statusBar('Reboot to DFU done');
		await shot('rebooted');
		await contextMenu('Theia board', 'Start Application');
		await page.waitForFunction(() => [...document.querySelectorAll('.theia-TreeNode')]
			.some(node => node.textContent.includes('Theia board') && node.textContent.includes('Run-time')), { timeout: LIMIT });
		await statusBar('Start Application done');
	});

	step('a flash task writes the firmware, judged by the board', async () => {
		fs.writeFileSync(path.join(workspace, 'app.bin'), firmware);
		fs.writeFileSync(path.join(workspace, '.vscode', 'tasks.json'), JSON.stringify({
			version: '2.0.0',
			tasks: [
				{ type: 'dfu', label: 'Flash app', board: 'THEIA-1', file: '${workspaceFolder}/app.bin', problemMatcher: [] },
				{ type: 'dfu', label: 'Flash missing file', board: 'THEIA-1', file: '${workspaceFolder}/missing.bin', problemMatcher: [] },
				{ type: 'dfu', label: 'Flash slow board', board: 'THEIA-SLOW', file: '${workspaceFolder}/big.bin', problemMatcher: [] },
			],
		}, null, 2));
		await sleep(1000); // Theia reads tasks.json when it changes, with no event a page can wait on
		await runTask('Flash app');
		await statusBar('DFU Flash done');
		await shot('flashed');
		assert.deepEqual(fs.readFileSync(path.join(work, 'THEIA-1.written')), firmware);
		const told = await notification('bytes written');
		assert.match(told, /49152 bytes written; running its application as 1209:0e01/);
		await clearNotifications();
	});

	step('a file that is not there is refused before the board is touched', async () => {
		const before = fs.statSync(path.join(work, 'THEIA-1.written')).mtimeMs;
		await runTask('Flash missing file');
		const told = await notification('missing.bin');
		assert.match(told, /does not exist/);
		await shot('missing-file');
		const listed = await rows();
		assert.ok(listed.some(row => row.includes('Theia board') && row.includes('Run-time')), listed.join('\n'));
		assert.equal(fs.statSync(path.join(work, 'THEIA-1.written')).mtimeMs, before, 'the board was written');
		await clearNotifications();
	});

	step('Cancel stops a flash, says where the board was left, and offers the way back', async () => {
		attach('THEIA-SLOW', board('THEIA-SLOW', 'Slow board', 0x0e21, { poll_timeout: 50 }));
		await rowOf('Slow board');
		fs.writeFileSync(path.join(workspace, 'big.bin'), crypto.randomBytes(256 * 1024));
		await runTask('Flash slow board');
		// Cancelled while dfu-util writes it (256 KiB at 50 ms a block: 6 s), in DFU mode.
		await page.waitForFunction(() => [...document.querySelectorAll('.theia-TreeNode')]
			.some(node => node.textContent.includes('Slow board') && node.textContent.includes('DFU ·')), { timeout: LIMIT });
		await sleep(500);
		await shot('flashing');
		await clickInNotification('DFU Flash', 'Cancel');
		await statusBar('DFU Flash cancelled');
		const told = await notification('left in DFU mode');
		await shot('cancelled');
		assert.match(told, /cancelled/i);
		// The way back it offers: Start Application. A download cut short leaves no valid application, which this
		// bootloader says (errFIRMWARE), as real ones do: then the way back is to flash it again, whole.
		await clickInNotification('left in DFU mode', 'Start Application');
		assert.match(await notification('no valid application'), /Flash one/);
		await clearNotifications();
		await runTask('Flash slow board');
		await statusBar('DFU Flash done');
		assert.deepEqual(fs.readFileSync(path.join(work, 'THEIA-SLOW.written')), fs.readFileSync(path.join(workspace, 'big.bin')));
		await page.waitForFunction(() => [...document.querySelectorAll('.theia-TreeNode')]
			.some(node => node.textContent.includes('Slow board') && node.textContent.includes('Run-time')), { timeout: LIMIT });
		await shot('back');
	});

	step('the browser\'s console and the service\'s standard error hold no errors', async () => {
		const stderr = fs.existsSync(serviceErrors) ? fs.readFileSync(serviceErrors, 'utf8') : '';
		assert.doesNotMatch(stderr, /Exception|ERROR|SEVERE|WARN/, stderr);
		assert.deepEqual(consoleErrors, []);
	});
});
