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
// The rows of the side bar: the DFU Devices view's when it shows (the Debug Console's lines are tree nodes too).
const SIDE_BAR = '#theia-left-content-panel';
const ROWS = `${SIDE_BAR} .theia-TreeNode`;
// How long the application's page may take to load, and then to start (see start()).
const PAGE_LOAD_LIMIT = 120_000;
// What testbench/usbsim adds to the environment of the program it runs: umockdev's preload and its testbed.
const BENCH_ENV = ['LD_PRELOAD', 'UMOCKDEV_DIR'];
// A line of the service's standard error that tells of a problem.
const SERVICE_PROBLEM = /Exception|ERROR|SEVERE|WARN/;

/** This process's environment without the bench's: the machine as it is, for Theia and Chromium. */
function hostEnv() {
	const env = { ...process.env };
	BENCH_ENV.forEach(name => delete env[name]);
	return env;
}

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
		// Theia and Chromium run on this machine as it is; only the service (and the dfu-util it starts) sees the
		// simulated bench, through the Java it runs on: a wrapper that puts the bench's preload back and keeps its
		// standard error. Under the preload, a child Chromium forked from a busy thread once inherited umockdev's path
		// lock held and waited for it forever, and the page never loaded (testbench/README.md, "Known limits").
		const benchEnv = BENCH_ENV.filter(name => process.env[name]).map(name => `${name}='${process.env[name]}'`).join(' ');
		const javaHome = path.join(this.work, 'java');
		fs.mkdirSync(path.join(javaHome, 'bin'), { recursive: true });
		fs.writeFileSync(path.join(javaHome, 'bin', 'java'),
			`#!/bin/bash\nexec env ${benchEnv} '${this.java}' "$@" 2> >(tee -a '${this.serviceErrorsFile}' >&2)\n`, { mode: 0o755 });
		const theiaEnv = { ...hostEnv(), THEIA_CONFIG_DIR: path.join(this.work, 'theia-config') };
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
			executablePath: this.chromium, env: hostEnv(), headless: true, defaultViewport: { width: 1400, height: 900 },
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
				'--disable-component-update', '--disable-sync', `--user-data-dir=${fs.mkdtempSync(path.join(this.work, 'chromium-'))}`,
				'--window-size=1400,900'],
		});
		// The first load of a freshly built application parses some 20 MB of scripts: on a busy 2-core machine that
		// took longer than puppeteer's 30 s once, so the page's start has a bound of its own.
		this.page = await this.newPage();
		await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_LIMIT });
		await this.page.waitForSelector('#theia-app-shell', { timeout: PAGE_LOAD_LIMIT });
		await this.page.waitForFunction(() => !document.querySelector('.theia-preload'), { timeout: PAGE_LOAD_LIMIT });
	}

	/** A new page of the browser, its console errors and page errors kept. */
	async newPage() {
		const page = await this.browser.newPage();
		page.on('console', message => {
			if (message.type() === 'error') {
				this.consoleErrors.push(`${message.text()} @ ${message.location()?.url ?? ''}`);
			}
		});
		page.on('pageerror', error => this.consoleErrors.push(`page error: ${error.message}`));
		return page;
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

	/** Unplugs every board of the bench. */
	detachAll() {
		const listed = execFileSync(CTL, ['list'], { encoding: 'utf8' });
		listed.split('\n').map(line => line.split(/\s+/)[0]).filter(port => /^\d+-[\d.]+$/.test(port)).forEach(port => this.detach(port));
	}

	/** Waits until the side bar (the view's rows and its message) shows `text`. */
	async sideBarShows(text) {
		await this.page.waitForFunction((side, wanted) => document.querySelector(side)?.innerText.includes(wanted),
			{ timeout: LIMIT }, SIDE_BAR, text);
	}

	/** The side bar's text: the view's title, its rows and its message. */
	sideBarText() {
		return this.page.$eval(SIDE_BAR, node => node.innerText);
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

	/** The lines of the service's standard error that tell of a problem (the rest is what `java -version` prints). */
	serviceProblems() {
		return this.serviceErrors().split('\n').filter(line => SERVICE_PROBLEM.test(line));
	}

	/** The process IDs of the extension's services: the javas whose class path is in this test's Theia folder. */
	services() {
		try {
			return execFileSync('pgrep', ['-f', `${this.work}/theia-config/.*dfu-tools.jar`], { encoding: 'utf8' }).split('\n').filter(Boolean);
		} catch {
			return []; // pgrep's exit status 1: none
		}
	}

	/** The process IDs of the browser and of every process it started. */
	browserProcesses() {
		const parents = new Map();
		for (const line of execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')) {
			const [pid, ppid] = line.trim().split(/\s+/);
			parents.set(pid, ppid);
		}
		const tree = [String(this.browser.process().pid)];
		for (let added = true; added;) {
			const more = [...parents].filter(([pid, ppid]) => tree.includes(ppid) && !tree.includes(pid)).map(([pid]) => pid);
			tree.push(...more);
			added = more.length > 0;
		}
		return tree;
	}

	/** Whether the process runs under the bench: umockdev's testbed in its environment (false once it has ended). */
	static underBench(pid) {
		try {
			return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').some(entry => entry.startsWith('UMOCKDEV_DIR='));
		} catch (error) {
			if (error.code === 'ENOENT' || error.code === 'ESRCH') {
				return false;
			}
			throw error;
		}
	}

	/**
	 * What a failure needs explained, on a machine where only the test's output is seen: the rows and the side bar's
	 * text (the view's message), the notifications and the status bar, the services running, the ends of the
	 * service's standard error and of the backend's log, the page's errors. A few lines returned and added to
	 * SCREENSHOTS/failures.txt; all of it in NAME.txt.
	 */
	async diagnose(name) {
		const tail = (text, count) => text.split('\n').filter(line => line.trim()).slice(-count);
		const safely = async (what, fallback) => {
			try {
				return await what();
			} catch (error) {
				return fallback(error);
			}
		};
		const rows = await safely(() => this.rows(), error => [`(no rows: ${error.message})`]);
		const side = await safely(async () => (await this.sideBarText()).replace(/\s+/g, ' ').trim(),
			error => `(no side bar: ${error.message})`);
		const notices = await safely(() => this.page.$$eval('.theia-notification-list-item, #theia-statusBar .element',
			nodes => nodes.map(node => node.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean)), error => [`(none: ${error.message})`]);
		const services = this.services();
		const stderr = this.serviceErrors();
		const backendLog = path.join(this.screenshots, 'theia-backend.log');
		const backend = fs.existsSync(backendLog) ? fs.readFileSync(backendLog, 'utf8') : '';
		const backendErrors = backend.split('\n').filter(line => /error|fail|exception/i.test(line));
		const full = [`rows: ${JSON.stringify(rows)}`, `side bar: ${side}`, `notifications and status bar: ${JSON.stringify(notices)}`, `services running: ${services.length} (${services.join(' ')})`,
			'service stderr:', ...tail(stderr, 40), 'backend errors:', ...backendErrors.slice(-40),
			'page errors:', ...this.consoleErrors].join('\n');
		fs.writeFileSync(path.join(this.screenshots, `${name}.txt`), `${full}\n`);
		const brief = [`rows: ${JSON.stringify(rows)}`, `side bar: ${side.substring(0, 300)}`,
			`notifications and status bar: ${JSON.stringify(notices).substring(0, 400)}`,
			`services running: ${services.length}`,
			...[...this.serviceProblems().slice(0, 3), ...tail(stderr, 2)].map(line => `service: ${line.substring(0, 200)}`),
			...backendErrors.slice(-3).map(line => `backend: ${line.substring(0, 200)}`),
			...this.consoleErrors.slice(0, 3).map(line => `page: ${line.substring(0, 200)}`)].join('\n');
		fs.appendFileSync(path.join(this.screenshots, 'failures.txt'), `${name}\n${brief}\n`);
		return brief;
	}

	async shot(name) {
		this.shots += 1;
		await this.page.screenshot({ path: path.join(this.screenshots, `${String(this.shots).padStart(2, '0')}-${name}.png`) });
	}

	/**
	 * Shows the DFU Devices view: a click on its tab in the activity bar, unless it shows (a click would hide it). The
	 * side bar may still be opening, or the application may show another view as it finishes starting: the view is
	 * looked at again after each click until it shows.
	 */
	async showDevicesView() {
		const tab = '[id="shell-tab-plugin-view-container:workbench.view.extension.dfuTools"]';
		await this.page.waitForSelector(tab, { timeout: LIMIT });
		const shown = (selector, sideBar) => {
			const side = document.querySelector(sideBar);
			return !!side && side.offsetParent !== null && side.getBoundingClientRect().width > 100
				&& document.querySelector(selector).classList.contains('lm-mod-current') && /DFU DEVICES/i.test(side.innerText);
		};
		for (let attempt = 1; !(await this.page.evaluate(shown, tab, SIDE_BAR)); attempt++) {
			if (attempt > 5) {
				assert.fail(`the DFU Devices view does not show:\n${await this.diagnose('devices-view-hidden')}`);
			}
			await this.page.click(tab);
			await this.page.waitForFunction(shown, { timeout: 3000 }, tab, SIDE_BAR).catch(() => undefined);
		}
	}

	/** Opens the DFU Devices view, its side bar dragged wide enough for the rows' IDs, modes and ports. */
	async openDevicesView() {
		await this.showDevicesView();
		await this.page.waitForSelector(SIDE_BAR, { visible: true, timeout: LIMIT });
		const handle = await this.page.evaluate(sideBar => {
			const side = document.querySelector(sideBar).getBoundingClientRect();
			const near = [...document.querySelectorAll('.lm-SplitPanel-handle')].map(node => node.getBoundingClientRect())
				.find(box => box.height > side.height / 2 && Math.abs(box.left - side.right) < 8);
			return near && { x: near.left + near.width / 2, y: near.top + near.height / 2 };
		}, SIDE_BAR);
		if (handle) {
			await this.page.mouse.move(handle.x, handle.y);
			await this.page.mouse.down();
			await this.page.mouse.move(640, handle.y, { steps: 8 });
			await this.page.mouse.up();
		}
		// Live: the bench's own board, there from the start, is listed (the extension started its service).
		await this.showDevicesView();
		await this.rowOf('Simulated DFU device');
	}

	/** The rows in sight in the side bar (the DFU Devices view's, when it shows) as text: each row's label and description. */
	rows() {
		return this.page.$$eval(ROWS, nodes => nodes.filter(node => node.offsetParent !== null).map(node => node.textContent.trim()));
	}

	/** Waits for a row whose text includes every one of `texts`. */
	async rowOf(...texts) {
		const row = await this.page.waitForFunction((rows, wanted) => [...document.querySelectorAll(rows)]
			.find(node => node.offsetParent !== null && wanted.every(text => node.textContent.includes(text))), { timeout: LIMIT }, ROWS, texts);
		return row.asElement();
	}

	async noRowOf(text) {
		await this.page.waitForFunction((rows, gone) => ![...document.querySelectorAll(rows)]
			.some(node => node.offsetParent !== null && node.textContent.includes(gone)), { timeout: LIMIT }, ROWS, text);
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
		// The tree renders its rows again on each board event, and a board that comes moves the rows below it: a row
		// found may be gone or elsewhere by the click, so look again until the menu is the row's (its row selected).
		for (let attempt = 1; ; attempt++) {
			const box = await (await this.rowOf(label)).boundingBox();
			if (box) {
				await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
				await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
				if (await this.page.waitForSelector('.lm-Menu', { visible: true, timeout: 2000 }).catch(() => undefined)) {
					const onRow = await this.page.evaluate(rows => [...document.querySelectorAll(`${rows}.theia-mod-selected`)]
						.map(node => node.textContent).join('\n'), ROWS);
					if (onRow.includes(label) && onRow.split('\n').length === 1) {
						break;
					}
					await this.page.keyboard.press('Escape');
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

	/**
	 * Runs a task of tasks.json from the command palette, as a person does (Task: Run Task...), by typing: the lists
	 * are filtered to the entry wanted, which Return picks once it is the focused one. (A click on a found row could
	 * land on another one while the list was still filling, and ran another task.)
	 */
	async runTask(label) {
		const page = this.page;
		await page.keyboard.press('Escape');
		await page.keyboard.press('F1');
		await this.pick('Task: Run Task', 'Run Task');
		await this.pick(label, label);
	}

	/** Types `typed` into the quick input that shows, then Return once its focused entry includes `entry`. */
	async pick(entry, typed) {
		const page = this.page;
		await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: LIMIT });
		await page.keyboard.type(typed, { delay: 5 });
		await page.waitForFunction(text => [...document.querySelectorAll('.quick-input-list .monaco-list-row.focused')]
			.some(node => node.offsetParent !== null && node.textContent.includes(text)), { timeout: LIMIT }, entry);
		await page.keyboard.press('Enter');
	}
}

module.exports = { TheiaSession, LIMIT, ROWS };
