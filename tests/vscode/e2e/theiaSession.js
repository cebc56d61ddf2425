// A Theia application (tests/vscode/theia) with the extension's .vsix installed, its backend started on a free port,
// and headless Chromium on its page, inside the simulated bench: what the extension's test and benchmark drive.
'use strict';
const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const APP = path.join(ROOT, 'tests', 'vscode', 'theia');
const CTL = path.join(ROOT, 'testbench', 'usbsim-ctl');
const LIMIT = 60_000;

class TheiaSession {
	/** vsix: the package to install; java: the java the service runs on; screenshots: where pictures and logs go. */
	constructor({ vsix, java, screenshots, chromium = '/usr/bin/chromium' }) {
		assert.ok(vsix && fs.existsSync(vsix), `no .vsix: ${vsix}`);
		this.vsix = vsix;
		this.java = java;
		this.screenshots = screenshots;
		this.chromium = chromium;
		this.work = fs.mkdtempSync(path.join(os.tmpdir(), 'dfu-theia-'));
		this.workspace = path.join(this.work, 'workspace');
		this.serviceErrorsFile = path.join(this.work, 'service-stderr.log');
		this.consoleErrors = [];
		this.shots = 0;
	}

	async start() {
		fs.mkdirSync(this.screenshots, { recursive: true });
		fs.mkdirSync(path.join(this.workspace, '.vscode'), { recursive: true });
		// Theia runs on this machine as it is; only the service (and the dfu-util it starts) sees the simulated bench,
		// through the Java it runs on: a wrapper that puts the bench's preload back and keeps its standard error.
		const bench = ['LD_PRELOAD', 'UMOCKDEV_DIR'].filter(name => process.env[name]);
		const benchEnv = bench.map(name => `${name}='${process.env[name]}'`).join(' ');
		const javaHome = path.join(this.work, 'java');
		fs.mkdirSync(path.join(javaHome, 'bin'), { recursive: true });
		fs.writeFileSync(path.join(javaHome, 'bin', 'java'),
			`#!/bin/bash\nexec env ${benchEnv} '${this.java}' "$@" 2> >(tee -a '${this.serviceErrorsFile}' >&2)\n`, { mode: 0o755 });
		const theiaEnv = { ...process.env, THEIA_CONFIG_DIR: path.join(this.work, 'theia-config') };
		bench.forEach(name => delete theiaEnv[name]);
		// Installed as Theia IDE's "Install from VSIX" does: a drop-in extension, unpacked by Theia when it starts.
		const config = path.join(this.work, 'theia-config');
		fs.mkdirSync(path.join(config, 'extensions'), { recursive: true });
		fs.copyFileSync(this.vsix, path.join(config, 'extensions', path.basename(this.vsix)));
		fs.writeFileSync(path.join(config, 'settings.json'), JSON.stringify({
			'security.workspace.trust.enabled': false,
			'workbench.startupEditor': 'none',
			'dfuTools.javaHome': javaHome,
		}));
		const log = path.join(this.screenshots, 'theia-backend.log');
		this.backend = spawn(process.execPath, [path.join(APP, 'lib', 'backend', 'main.js'), this.workspace, '--hostname', '127.0.0.1',
			'--port', '0'], { cwd: APP, env: theiaEnv, stdio: ['ignore', 'pipe', fs.openSync(log, 'w')] });
		const url = await new Promise((resolve, reject) => {
			let seen = '';
			const limit = setTimeout(() => reject(new Error(`the Theia backend did not listen within ${LIMIT} ms: ${seen}`)), LIMIT);
			this.backend.stdout.on('data', data => {
				seen += data;
				fs.appendFileSync(log, data);
				const listening = /listening on (http:\/\/[\w.-]+:\d+)/.exec(seen);
				if (listening) {
					clearTimeout(limit);
					resolve(listening[1]);
				}
			});
			this.backend.on('exit', code => reject(new Error(`the Theia backend ended (${code}): ${seen}`)));
		});
		this.browser = await puppeteer.launch({
			executablePath: this.chromium, headless: true, defaultViewport: { width: 1400, height: 900 },
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
				'--disable-component-update', '--disable-sync', `--user-data-dir=${fs.mkdtempSync(path.join(this.work, 'chromium-'))}`,
				'--window-size=1400,900'],
		});
		this.page = await this.browser.newPage();
		this.page.on('console', message => {
			if (message.type() === 'error') {
				this.consoleErrors.push(`${message.text()} @ ${message.location()?.url ?? ''}`);
			}
		});
		this.page.on('pageerror', error => this.consoleErrors.push(`page error: ${error.message}`));
		await this.page.goto(url, { waitUntil: 'domcontentloaded' });
		await this.page.waitForSelector('#theia-app-shell', { timeout: LIMIT });
		await this.page.waitForFunction(() => !document.querySelector('.theia-preload'), { timeout: LIMIT });
	}

	async stop() {
		await this.browser?.close();
		this.backend?.kill();
		fs.rmSync(this.work, { recursive: true, force: true });
	}

	/** Plugs a board into the bench: its port. */
	attach(name, spec) {
		const file = path.join(this.work, `${name}.json`);
		fs.writeFileSync(file, JSON.stringify(spec));
		const answer = execFileSync(CTL, ['attach', file], { encoding: 'utf8' }).trim();
		assert.match(answer, /^ok /, `the bench did not attach ${name}: ${answer}`);
		return answer.split(/\s+/).pop();
	}

	detach(port) {
		execFileSync(CTL, ['detach', port]);
	}

	/** A run-time board with a DFU mode whose alt 0 writes to WORK/SERIAL.written. */
	board(serial, product, pid, extra = {}) {
		return {
			name: serial,
			runtime: { pid: `0x${pid.toString(16)}`, serial, product },
			dfu: { pid: `0x${(pid + 1).toString(16)}`, alts: [{ name: 'Flash', output: this.written(serial) }], ...extra },
		};
	}

	written(serial) {
		return path.join(this.work, `${serial}.written`);
	}

	serviceErrors() {
		return fs.existsSync(this.serviceErrorsFile) ? fs.readFileSync(this.serviceErrorsFile, 'utf8') : '';
	}

	async shot(name) {
		this.shots += 1;
		await this.page.screenshot({ path: path.join(this.screenshots, `${String(this.shots).padStart(2, '0')}-${name}.png`) });
	}

	/** Shows the DFU Devices view: a click on its tab in the activity bar, unless it shows (a click would hide it). */
	async showDevicesView() {
		const tab = '[id="shell-tab-plugin-view-container:workbench.view.extension.dfuTools"]';
		await this.page.waitForSelector(tab, { timeout: LIMIT });
		const shown = await this.page.evaluate(selector => {
			const side = document.querySelector('#theia-left-content-panel');
			return !!side && side.getBoundingClientRect().width > 100 && document.querySelector(selector).classList.contains('lm-mod-current');
		}, tab);
		if (!shown) {
			await this.page.click(tab);
		}
	}

	/** Opens the DFU Devices view, its side bar dragged wide enough for the rows' IDs, modes and ports. */
	async openDevicesView() {
		await this.showDevicesView();
		await this.page.waitForSelector('#theia-left-content-panel', { visible: true, timeout: LIMIT });
		const handle = await this.page.evaluate(() => {
			const side = document.querySelector('#theia-left-content-panel').getBoundingClientRect();
			const near = [...document.querySelectorAll('.lm-SplitPanel-handle')].map(node => node.getBoundingClientRect())
				.find(box => box.height > side.height / 2 && Math.abs(box.left - side.right) < 8);
			return near && { x: near.left + near.width / 2, y: near.top + near.height / 2 };
		});
		if (handle) {
			await this.page.mouse.move(handle.x, handle.y);
			await this.page.mouse.down();
			await this.page.mouse.move(640, handle.y, { steps: 8 });
			await this.page.mouse.up();
		}
	}

	/** The tree's rows in sight as text: each row's label and description. */
	rows() {
		return this.page.$$eval('.theia-TreeNode', nodes => nodes.filter(node => node.offsetParent !== null).map(node => node.textContent.trim()));
	}

	/** Waits for a row whose text includes every one of `texts`. */
	async rowOf(...texts) {
		const row = await this.page.waitForFunction(wanted => [...document.querySelectorAll('.theia-TreeNode')]
			.find(node => node.offsetParent !== null && wanted.every(text => node.textContent.includes(text))), { timeout: LIMIT }, texts);
		return row.asElement();
	}

	async noRowOf(text) {
		await this.page.waitForFunction(gone => ![...document.querySelectorAll('.theia-TreeNode')]
			.some(node => node.offsetParent !== null && node.textContent.includes(gone)), { timeout: LIMIT }, text);
	}

	/** The mouse on a row until its tooltip shows: the tooltip's text. */
	async tooltipOf(label, expected) {
		for (let attempt = 1; ; attempt++) {
			const box = await (await this.rowOf(label)).boundingBox();
			if (box) {
				await this.page.mouse.move(box.x + 5, box.y + box.height / 2);
				await this.page.mouse.move(box.x + box.width / 3, box.y + box.height / 2, { steps: 3 });
				const tooltip = await this.page.waitForFunction(text => [...document.querySelectorAll('.theia-hover, .monaco-hover, [role="tooltip"]')]
					.find(node => node.textContent.includes(text)), { timeout: 3000 }, expected).catch(() => undefined);
				if (tooltip) {
					return tooltip.evaluate(node => node.textContent);
				}
			}
			assert.ok(attempt < 10, `no tooltip on ${label}`);
			await this.page.mouse.move(1000, 300);
		}
	}

	async contextMenu(label, item) {
		// The tree renders its rows again on each board event: a row found may be gone by the click, so look again.
		for (let attempt = 1; ; attempt++) {
			const box = await (await this.rowOf(label)).boundingBox();
			if (box) {
				await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
				await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
				if (await this.page.waitForSelector('.lm-Menu', { visible: true, timeout: 2000 }).catch(() => undefined)) {
					break;
				}
			}
			assert.ok(attempt < 10, `no context menu on ${label}`);
		}
		const entry = await this.page.waitForFunction(text => [...document.querySelectorAll('.lm-Menu .lm-Menu-item')]
			.find(node => node.querySelector('.lm-Menu-itemLabel')?.textContent.trim() === text), { timeout: LIMIT }, item);
		await this.shot(`menu-${item.replace(/\W+/g, '-')}`);
		await entry.asElement().click();
	}

	async statusBar(text) {
		await this.page.waitForFunction(wanted => [...document.querySelectorAll('#theia-statusBar .element')]
			.some(node => node.textContent.includes(wanted)), { timeout: LIMIT }, text);
	}

	/** A notification whose text includes `text`: its whole text. */
	async notification(text) {
		const found = await this.page.waitForFunction(wanted => [...document.querySelectorAll('.theia-notification-list-item')]
			.find(node => node.textContent.includes(wanted)), { timeout: LIMIT }, text);
		return found.evaluate(node => node.textContent);
	}

	async clickInNotification(text, button) {
		const found = await this.page.waitForFunction((wanted, label) => [...document.querySelectorAll('.theia-notification-list-item')]
			.filter(node => node.textContent.includes(wanted))
			.flatMap(node => [...node.querySelectorAll('button, .theia-button')])
			.find(node => node.textContent.trim() === label), { timeout: LIMIT }, text, button);
		await found.asElement().click();
	}

	async clearNotifications() {
		await this.page.evaluate(() => document.querySelectorAll('.theia-notification-list-item .codicon-close, .theia-notification-list-item [title="Clear"]')
			.forEach(close => close.click()));
	}

	/** Runs a task of tasks.json from the command palette, as a person does (Task: Run Task...). */
	async runTask(label) {
		const page = this.page;
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
}

module.exports = { TheiaSession, LIMIT };
