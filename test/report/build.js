// Writes report.html: the demo's charts (Apache ECharts, pinned in package-lock.json and
// inlined, so the file opens offline) from the JSON of report.sql.
//   node build.js data.json report.html
'use strict';
const fs = require('fs');
const path = require('path');

const [dataFile, outFile] = process.argv.slice(2);
if (!dataFile || !outFile) {
	console.error('usage: node build.js data.json report.html');
	process.exit(2);
}
const data = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
const echartsPath = require.resolve('echarts/dist/echarts.min.js', { paths: [__dirname] });
const echartsJs = fs.readFileSync(echartsPath, 'utf8');
const echartsVersion = require(path.join(path.dirname(echartsPath), '..', 'package.json')).version;

// JSON inside a <script>: no "</script>" or "<!--" can close or comment it
const safeJson = (v) => JSON.stringify(v).replace(/</g, '\\u003c');

// Runs in the page: builds each chart's option from DATA and registers it in window.kmCharts.
function pageMain() {
	const pct = (v) => (v * 100).toFixed(2) + '%';
	const charts = {};
	const make = (id, option) => {
		const c = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
		c.setOption(Object.assign({ animation: false }, option));
		charts[id] = c;
	};

	// 1. ER against followers, a series per tier, both axes logarithmic
	make('er_followers', {
		title: { text: 'Engagement rate against followers, by tier' },
		legend: { top: 28 },
		tooltip: { formatter: (p) => p.data[2] + '<br>' + p.data[0].toLocaleString() + ' followers, ER ' + pct(p.data[1]) },
		xAxis: { type: 'log', name: 'followers', nameLocation: 'middle', nameGap: 28 },
		yAxis: { type: 'log', name: 'ER by followers (pooled)', axisLabel: { formatter: pct } },
		series: DATA.tiers.map((t) => ({
			name: t, type: 'scatter', symbolSize: 5,
			data: (DATA.er_followers || []).filter((r) => r.tier === t).map((r) => [r.followers, r.er, r.handle]),
		})).filter((s) => s.data.length > 0),
	});

	// 2. median account ER, platform x tier
	const platforms = [...new Set((DATA.heatmap || []).map((r) => r.platform))];
	const cells = (DATA.heatmap || []).filter((r) => r.median_er !== null)
		.map((r) => [DATA.tiers.indexOf(r.tier), platforms.indexOf(r.platform), r.median_er, r.accounts]);
	make('heatmap', {
		title: { text: 'Median ER by platform and tier (accounts\' pooled ER)' },
		tooltip: { formatter: (p) => platforms[p.data[1]] + ', ' + DATA.tiers[p.data[0]] + ': ' + pct(p.data[2]) + ' (' + p.data[3] + ' accounts)' },
		grid: { left: 120, top: 50, bottom: 80 },
		xAxis: { type: 'category', data: DATA.tiers },
		yAxis: { type: 'category', data: platforms },
		visualMap: { dimension: 2, min: 0, max: Math.max(...cells.map((c) => c[2]), 0.01), calculable: true, orient: 'horizontal',
			left: 'center', bottom: 0, formatter: (v) => pct(v) },
		series: [{ name: 'median ER', type: 'heatmap', data: cells, label: { show: true, formatter: (p) => pct(p.data[2]) } }],
	});

	// 3. the monthly scorecard over all accounts
	const months = (DATA.monthly || []).map((r) => r.month);
	make('monthly', {
		title: { text: 'Monthly scorecard, all accounts' },
		legend: { top: 28 },
		tooltip: { trigger: 'axis' },
		xAxis: { type: 'category', data: months },
		yAxis: [{ type: 'value', name: 'posts' }, { type: 'value', name: 'ER', axisLabel: { formatter: pct } }],
		series: [
			{ name: 'posts', type: 'bar', data: (DATA.monthly || []).map((r) => r.posts) },
			{ name: 'pooled ER', type: 'line', yAxisIndex: 1, data: (DATA.monthly || []).map((r) => r.er) },
			{ name: 'median post ER', type: 'line', yAxisIndex: 1, data: (DATA.monthly || []).map((r) => r.median_er) },
		],
	});

	// 4. ROI and CPA per campaign and currency
	const camp = DATA.campaigns || [];
	make('campaigns', {
		title: { text: 'ROI and CPA per campaign' },
		legend: { top: 28 },
		tooltip: { trigger: 'axis' },
		grid: { bottom: 110 },
		xAxis: { type: 'category', data: camp.map((r) => r.campaign + ' (' + r.currency + ')'), axisLabel: { rotate: 60 } },
		yAxis: [{ type: 'value', name: 'ROI', axisLabel: { formatter: pct } }, { type: 'value', name: 'CPA' }],
		series: [
			{ name: 'ROI', type: 'bar', data: camp.map((r) => Number(r.roi)) },
			{ name: 'CPA', type: 'line', yAxisIndex: 1, data: camp.map((r) => (r.cpa === null ? null : Number(r.cpa))) },
		],
	});

	// 5. the relevance top list for a brief
	const top = ((DATA.relevance || {}).top || []).slice().reverse();
	make('relevance', {
		title: { text: 'Most relevant KOLs for: ' + ((DATA.relevance || {}).brief || '') },
		tooltip: {},
		grid: { left: 100 },
		xAxis: { type: 'value', min: 0, max: 1 },
		yAxis: { type: 'category', data: top.map((r) => r.kol) },
		series: [{ name: 'kol_relevance', type: 'bar', data: top.map((r) => r.relevance),
			label: { show: true, position: 'right', formatter: (p) => p.value.toFixed(3) } }],
	});
	window.kmCharts = charts;
}

const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kolmetrics report</title>
<style>
body { font-family: sans-serif; margin: 24px; color: #222; }
.chart { width: 1000px; height: 480px; margin: 16px 0 32px; }
p.note { color: #555; max-width: 1000px; }
</style>
</head>
<body>
<h1>kolmetrics report</h1>
<p class="note">Workspace <code>ws</code>, generated ${data.generated}. Engagement rates are
fractions of followers at posting (pooled: sums of interactions over sums of followers). Charts by
Apache ECharts ${echartsVersion}, inlined.</p>
<div class="chart" id="er_followers"></div>
<div class="chart" id="heatmap"></div>
<div class="chart" id="monthly"></div>
<div class="chart" id="campaigns"></div>
<div class="chart" id="relevance"></div>
<script>${echartsJs}</script>
<script>
const DATA = ${safeJson(data)};
(${pageMain.toString()})();
</script>
</body>
</html>
`;
fs.writeFileSync(outFile, html);
console.log(outFile);
