// How soon the extension's DFU Devices view shows a board the bench has just plugged in, in a Theia application
// in headless Chromium: from the moment usbsim-ctl attach returns (the board is on the bus) to the row in the page,
// stamped by the page itself on the same clock. Target: at most 100 ms. Run by benchmarks/vscode/run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROWS, TheiaSession } = require('../../tests/vscode/e2e/theiaSession');

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.RUNS || 15);

(async () => {
	const theia = new TheiaSession({ vsix: process.env.DFU_VSIX, java: process.env.DFU_JAVA,
		screenshots: path.join(ROOT, 'target', 'screenshots', 'theia-benchmark') });
	await theia.start();
	try {
		await theia.openDevicesView();
		const fromReturn = [];
		const fromCall = [];
		for (let run = 0; run < RUNS + 1; run++) {
			const serial = `BENCH-${run}`;
			await theia.page.evaluate((rows, text) => {
				window.dfuSeen = new Promise(resolve => {
					const watch = new MutationObserver(() => {
						if ([...document.querySelectorAll(rows)].some(node => node.textContent.includes(text))) {
							watch.disconnect();
							resolve(Date.now());
						}
					});
					watch.observe(document.body, { childList: true, subtree: true, characterData: true });
				});
			}, ROWS, `Bench board ${run}`);
			const called = Date.now();
			const port = theia.attach(serial, theia.board(serial, `Bench board ${run}`, 0x0f41));
			const attached = Date.now();
			const seen = await theia.page.evaluate(() => window.dfuSeen);
			if (run > 0) { // the first run warms the service's and the page's code up
				fromReturn.push(seen - attached);
				fromCall.push(seen - called);
			}
			theia.detach(port);
			await theia.noRowOf(`Bench board ${run}`);
		}
		await theia.shot('after');
		const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
		const figure = (name, values, target) => ({ name, unit: 'ms', median: median(values), min: Math.min(...values),
			max: Math.max(...values), runs: values.length, reference: null, ratio: null, target });
		const results = [
			figure('extension view (Theia, headless Chromium): attach returned to row visible', fromReturn, '<= 100 ms'),
			figure('  the same from the attach command\'s start (the bench enumerating the board included)', fromCall, ''),
		];
		const folder = path.join(ROOT, 'target', 'benchmarks');
		fs.mkdirSync(folder, { recursive: true });
		fs.writeFileSync(path.join(folder, 'vscode-benchmarks.json'), JSON.stringify(results, null, 2));
		for (const result of results) {
			console.log(`${result.name.padEnd(90)} median ${result.median} ms (min ${result.min}, max ${result.max}, ${result.runs} runs) ${result.target}`);
		}
	} finally {
		await theia.stop();
	}
})().catch(error => {
	console.error(error);
	process.exit(1);
});
