// Opens report.html in headless Chromium (the system's, driven by puppeteer-core over the
// DevTools protocol) and prints TAP: the page loads with no console error and no uncaught
// exception, makes no network request, every chart exists, and every series of every
// chart has data (read through ECharts' getOption in the page); saves a screenshot.
//   node check.js report.html screenshot.png [chromium]
'use strict';
const path = require('path');
const puppeteer = require('puppeteer-core');

const [file, shot, browserPath] = process.argv.slice(2);
const CHARTS = ['er_followers', 'heatmap', 'monthly', 'campaigns', 'relevance'];
let n = 0;
let failed = false;
const ok = (cond, desc, detail) => {
	n += 1;
	console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${desc}`);
	if (!cond) {
		failed = true;
		if (detail) console.log(String(detail).split('\n').map((l) => '#   ' + l).join('\n'));
	}
};

(async () => {
	const browser = await puppeteer.launch({
		executablePath: browserPath || '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
	});
	try {
		const page = await browser.newPage();
		await page.setViewport({ width: 1100, height: 900 });
		const errors = [];
		const remote = [];
		page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
		page.on('pageerror', (e) => errors.push('exception: ' + e.message));
		page.on('request', (r) => { if (!r.url().startsWith('file:')) remote.push(r.url()); });
		const url = 'file://' + path.resolve(file);
		const resp = await page.goto(url, { waitUntil: 'load' });
		ok(resp === null || resp.ok(), 'report.html loads from ' + url);
		await page.waitForFunction('window.kmCharts !== undefined', { timeout: 10000 }).catch(() => {});
		const info = await page.evaluate((ids) => ids.map((id) => {
			const c = window.kmCharts && window.kmCharts[id];
			if (!c) return { id, present: false };
			const o = c.getOption();
			return {
				id, present: true,
				series: (o.series || []).map((s) => ({ name: s.name, type: s.type, points: (s.data || []).filter((d) => d !== null && d !== undefined).length })),
				canvas: !!document.querySelector('#' + id + ' canvas'),
			};
		}), CHARTS);
		for (const c of info) {
			ok(c.present && c.canvas, `chart ${c.id} is drawn (an ECharts instance with a canvas)`);
			const s = c.series || [];
			ok(s.length > 0 && s.every((x) => x.points > 0),
				`chart ${c.id}: every series has data (${s.map((x) => `${x.name}: ${x.points}`).join(', ')})`,
				JSON.stringify(s));
		}
		ok(errors.length === 0, 'no console error and no uncaught exception', errors.join('\n'));
		ok(remote.length === 0, 'no network request (ECharts and the data are inlined)', remote.join('\n'));
		await page.screenshot({ path: shot, fullPage: true });
		ok(true, 'screenshot saved: ' + shot);
	} finally {
		await browser.close();
	}
	console.log(`1..${n}`);
	process.exit(failed ? 1 : 0);
})().catch((e) => {
	console.log('Bail out! ' + e.message);
	process.exit(1);
});
