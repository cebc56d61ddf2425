// The extension's .vsix in a Theia browser application (tests/vscode/theia), driven by headless Chromium as a
// person drives it, against the simulated bench (run by tests/vscode/run inside testbench/usbsim) with the real
// dfu-tools service, libusb and dfu-util. Screenshots go to SCREENSHOTS (target/screenshots/theia).
'use strict';
const assert = require('node:assert/strict');
const { after, before, describe, test } = require('node:test');
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { LIMIT, ROWS, TheiaSession } = require('./theiaSession');

const theia = new TheiaSession({
	vsix: process.env.DFU_VSIX, java: process.env.DFU_JAVA,
	screenshots: process.env.SCREENSHOTS || path.resolve(__dirname, '..', '..', '..', 'target', 'screenshots', 'theia'),
});

// Each test and hook is bounded: the slowest test takes 30 s, and the application's start may load its page twice.
// (tests/vscode/run bounds the whole run: a bound given on node's command line would bound the file as one test too.)
const BOUND = { timeout: 360_000 };

/** A test that leaves a screenshot of the page as it was when it failed, and what the page and service showed. */
function step(name, body) {
	test(name, BOUND, async () => {
		try {
			await body();
		} catch (error) {
			const slug = name.replace(/\W+/g, '-').substring(0, 40);
			await theia.shot(`failed-${slug}`).catch(() => undefined);
			error.message += `\n${await theia.diagnose(`failed-${slug}`)}`;
			throw error;
		}
	});
}

describe('DFU Tools in a Theia application', () => {
	before(() => theia.start(), BOUND);
	after(() => theia.stop(), BOUND);

	const firmware = crypto.randomBytes(48 * 1024);
	const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

	step('the DFU Devices view lists the bench\'s boards, live', async () => {
		await theia.openDevicesView();
		const port = theia.attach('THEIA-1', theia.board('THEIA-1', 'Theia board', 0x0e01));
		await theia.rowOf('Theia board', '1209:0e01', 'Run-time', `port ${port}`);
		const second = theia.attach('THEIA-2', theia.board('THEIA-2', 'Second board', 0x0e11));
		await theia.rowOf('Second board');
		await theia.shot('devices');
		// Its details, as the Eclipse view's columns: the tooltip of its row.
		assert.match(await theia.tooltipOf('Theia board', 'Detach timeout'), /Transfer size.*2048 B/s);
		await theia.shot('details');
		theia.detach(second);
		await theia.noRowOf('Second board');
		// One service for the window, however the settings were read as it started.
		assert.equal(theia.services().length, 1, `services: ${theia.services().join(', ')}`);
	});

	step('only the service sees the bench: Theia and the browser run on the machine as it is', async () => {
		const services = theia.services();
		assert.ok(services.length > 0, 'no service runs');
		services.forEach(pid => assert.ok(TheiaSession.underBench(pid), `the service ${pid} does not see the bench`));
		// A browser under umockdev's preload hung in a child it forked, and the page never loaded.
		const browser = theia.browserProcesses();
		assert.ok(browser.length > 1, `the browser's processes: ${browser}`);
		const benched = [String(theia.backend.pid), ...browser].filter(pid => TheiaSession.underBench(pid));
		assert.deepEqual(benched.map(pid => execFileSync('ps', ['-o', 'args=', '-p', pid], { encoding: 'utf8' }).substring(0, 80)), [],
			'these run under the bench');
	});

	step('Reboot to DFU follows the board into DFU mode, and its row stays', async () => {
		// Every change of the tree is watched: the board's row must be there each time, until it is in DFU mode.
		await theia.page.evaluate(rows => {
			window.dfuRowLost = false;
			window.dfuRowWatch = new MutationObserver(() => {
				if (![...document.querySelectorAll(rows)].some(node => node.offsetParent !== null && node.textContent.includes('Theia board'))) {
					window.dfuRowLost = true;
				}
			});
			window.dfuRowWatch.observe(document.body, { childList: true, subtree: true, characterData: true });
		}, ROWS);
		await theia.contextMenu('Theia board', 'Reboot to DFU');
		await theia.rowOf('Theia board', '1209:0e02', 'DFU ·');
		const lost = await theia.page.evaluate(() => {
			window.dfuRowWatch.disconnect();
			return window.dfuRowLost;
		});
		assert.equal(lost, false, 'the board\'s row left the tree while it re-enumerated');
		await theia.statusBar('Reboot to DFU done');
		await theia.shot('rebooted');
		await theia.contextMenu('Theia board', 'Start Application');
		await theia.rowOf('Theia board', 'Run-time');
		await theia.statusBar('Start Application done');
	});

	step('a flash task writes the firmware, judged by the board', async () => {
		fs.writeFileSync(path.join(theia.workspace, 'app.bin'), firmware);
		fs.writeFileSync(path.join(theia.workspace, '.vscode', 'tasks.json'), JSON.stringify({
			version: '2.0.0',
			tasks: [
				{ type: 'dfu', label: 'Flash app', board: 'THEIA-1', file: '${workspaceFolder}/app.bin', problemMatcher: [] },
				{ type: 'dfu', label: 'Flash missing file', board: 'THEIA-1', file: '${workspaceFolder}/missing.bin', problemMatcher: [] },
				{ type: 'dfu', label: 'Flash slow board', board: 'THEIA-SLOW', file: '${workspaceFolder}/big.bin', problemMatcher: [] },
			],
		}, null, 2));
		await sleep(1000); // Theia reads tasks.json when it changes, with no event a page can wait on
		await theia.runTask('Flash app');
		await theia.statusBar('DFU Flash done');
		await theia.shot('flashed');
		assert.deepEqual(fs.readFileSync(theia.written('THEIA-1')), firmware);
		assert.match(await theia.notification('bytes written'), /49152 bytes written; running its application as 1209:0e01/);
		await theia.clearNotifications();
	});

	step('F5 runs a dfu launch configuration, its lines in the Debug Console', async () => {
		const again = crypto.randomBytes(20 * 1024);
		fs.writeFileSync(path.join(theia.workspace, 'again.bin'), again);
		fs.writeFileSync(path.join(theia.workspace, '.vscode', 'launch.json'), JSON.stringify({
			version: '0.2.0',
			configurations: [{ type: 'dfu', request: 'launch', name: 'Flash again.bin', board: 'THEIA-1', file: '${workspaceFolder}/again.bin' }],
		}, null, 2));
		await sleep(1000); // as tasks.json: read when it changes
		await theia.clearNotifications();
		await theia.page.keyboard.press('Escape');
		await theia.page.click('#theia-app-shell');
		await theia.page.keyboard.press('F5');
		assert.match(await theia.notification('bytes written'), /20480 bytes written; running its application/);
		assert.deepEqual(fs.readFileSync(theia.written('THEIA-1')), again);
		// Its lines in the Debug Console (which shows only the lines in sight: the board's name is on several).
		await theia.page.waitForFunction(() => [...document.querySelectorAll('.theia-debug-console, .debug-console, [id*="debug-console"]')]
			.some(node => node.textContent.includes('Theia board [1209:0e0')), { timeout: LIMIT });
		await theia.shot('launched');
		await theia.clearNotifications();
		await theia.showDevicesView(); // the launch showed the Run and Debug view
	});

	step('Flash Firmware... writes a launch configuration for the board and the file picked, and runs it', async () => {
		const picked = crypto.randomBytes(12 * 1024);
		fs.writeFileSync(path.join(theia.workspace, 'picked.bin'), picked);
		await theia.clearNotifications();
		await theia.contextMenu('Theia board', 'Flash Firmware...');
		const file = await theia.page.waitForSelector('.dialogOverlay .theia-TreeNode[title$="/picked.bin"]', { visible: true, timeout: LIMIT });
		await file.click();
		await theia.shot('flash-firmware-dialog');
		const flash = await theia.page.waitForFunction(() => [...document.querySelectorAll('.dialogOverlay button')]
			.find(node => node.textContent.trim() === 'Flash'), { timeout: LIMIT });
		await flash.asElement().click();
		assert.match(await theia.notification('12288 bytes written'), /running its application/);
		assert.deepEqual(fs.readFileSync(theia.written('THEIA-1')), picked);
		const launch = JSON.parse(fs.readFileSync(path.join(theia.workspace, '.vscode', 'launch.json'), 'utf8'));
		const written = launch.configurations.find(configuration => configuration.file === '${workspaceFolder}/picked.bin');
		assert.ok(written, JSON.stringify(launch));
		assert.deepEqual([written.type, written.request, written.board], ['dfu', 'launch', 'serial:THEIA-1']);
		await theia.clearNotifications();
		await theia.showDevicesView();
	});

	step('a file that is not there is refused before the board is touched', async () => {
		const written = fs.statSync(theia.written('THEIA-1')).mtimeMs;
		await theia.runTask('Flash missing file');
		assert.match(await theia.notification('missing.bin'), /does not exist/);
		// The task ends while its message waits for a person.
		await theia.notification("Task 'Flash missing file");
		assert.match(await theia.notification("Task 'Flash missing file"), /exited with code 1/);
		await theia.shot('missing-file');
		await theia.rowOf('Theia board', 'Run-time');
		assert.equal(fs.statSync(theia.written('THEIA-1')).mtimeMs, written, 'the board was written');
		await theia.clearNotifications();
	});

	step('Cancel stops a flash, says where the board was left, and offers the way back', async () => {
		theia.attach('THEIA-SLOW', theia.board('THEIA-SLOW', 'Slow board', 0x0e21, { poll_timeout: 50 }));
		await theia.rowOf('Slow board');
		fs.writeFileSync(path.join(theia.workspace, 'big.bin'), crypto.randomBytes(256 * 1024));
		await theia.runTask('Flash slow board');
		// Cancelled while dfu-util writes it (256 KiB at 50 ms a block: 6 s), in DFU mode.
		await theia.rowOf('Slow board', 'DFU ·');
		await sleep(500);
		// The dfu-util that writes it is the extension's own, as it came out of the .vsix (its execute bit kept or set).
		const dfuUtil = execFileSync('pgrep', ['-a', '-x', 'dfu-util'], { encoding: 'utf8' });
		assert.match(dfuUtil, /\/server\/dfu-util\/linux-x86_64\/dfu-util /, dfuUtil);
		await theia.shot('flashing');
		await theia.clickInNotification('DFU Flash', 'Cancel');
		await theia.statusBar('DFU Flash cancelled');
		assert.match(await theia.notification('left in DFU mode'), /cancelled/i);
		await theia.shot('cancelled');
		// The way back it offers: Start Application. A download cut short leaves no valid application, which this
		// bootloader says (errFIRMWARE), as real ones do: then the way back is to flash it again, whole.
		await theia.clickInNotification('left in DFU mode', 'Start Application');
		assert.match(await theia.notification('no valid application'), /Flash one/);
		await theia.clearNotifications();
		await theia.runTask('Flash slow board');
		await theia.statusBar('DFU Flash done');
		assert.deepEqual(fs.readFileSync(theia.written('THEIA-SLOW')), fs.readFileSync(path.join(theia.workspace, 'big.bin')));
		await theia.rowOf('Slow board', 'Run-time');
		await theia.shot('back');
	});

	step('a service that dies is started again, and the view comes back', async () => {
		// The service is the java whose class path is in this test's Theia configuration folder.
		const killed = theia.services().join(' ');
		execFileSync('kill', ['-KILL', ...killed.split(' ')]);
		let started = '';
		for (let waited = 0; waited < LIMIT && (started === '' || started === killed); waited += 100) {
			await sleep(100);
			started = theia.services().join(' ');
		}
		assert.ok(started !== '' && started !== killed, `no new service: ${started}`);
		await theia.rowOf('Theia board', 'Run-time');
		// It works again: Reboot to DFU and back.
		await theia.contextMenu('Theia board', 'Reboot to DFU');
		await theia.rowOf('Theia board', 'DFU ·');
		await theia.contextMenu('Theia board', 'Start Application');
		await theia.rowOf('Theia board', 'Run-time');
		await theia.shot('service-restarted');
	});

	step('a Java setting that names no Java is said, with the way to the setting; a good one brings the boards back', async () => {
		const settings = path.join(theia.work, 'theia-config', 'settings.json');
		const good = fs.readFileSync(settings, 'utf8');
		fs.writeFileSync(settings, JSON.stringify({ ...JSON.parse(good), 'dfuTools.javaHome': '/no/such/java' }));
		assert.match(await theia.notification('/no/such/java'), /There is no bin.java in the setting dfuTools\.javaHome/);
		await theia.clickInNotification('/no/such/java', 'Open Settings');
		await theia.page.waitForSelector('.theia-settings-container, #settings_widget', { visible: true, timeout: LIMIT });
		await theia.shot('java-setting');
		await theia.noRowOf('Theia board');
		fs.writeFileSync(settings, good);
		await theia.showDevicesView();
		await theia.rowOf('Theia board', 'Run-time');
	});

	step('with no board attached the view says so, and a board that comes is listed', async () => {
		theia.detachAll();
		await theia.sideBarShows('No DFU board is attached.');
		await theia.shot('no-boards');
		theia.attach('again', theia.board('THEIA-AGAIN', 'Board plugged in again', 0x0e31));
		await theia.rowOf('Board plugged in again', 'Run-time');
		assert.doesNotMatch(await theia.sideBarText(), /No DFU board is attached/);
	});

	step('the browser\'s console and the service\'s standard error hold no errors', async () => {
		assert.deepEqual(theia.serviceProblems(), [], theia.serviceErrors());
		assert.deepEqual(theia.consoleErrors, []);
	});
});
