// The reporting page's pure logic: the period, cell texts, and the geometry of
// the small SVG bar charts. No DOM, no network: unit tested in test/reports.test.js.

/** Markers the server sends for suppressed counts (docs/REPORTING.md). */
export const PRIMARY = '<5';
export const SECONDARY = 'x';

export const MAX_MONTHS = 24;

const pad = (n) => String(n).padStart(2, '0');

/** YYYY-MM of a date (local time). */
export const monthOf = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;

/** The default period: January of this year to this month. */
export function defaultPeriod(now = new Date()) {
	return { from: `${now.getFullYear()}-01`, to: monthOf(now) };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months from..to inclusive, or 0 when either is not YYYY-MM. */
export function monthsBetween(from, to) {
	const a = MONTH.exec(from || '');
	const b = MONTH.exec(to || '');
	if (!a || !b) return 0;
	return (Number(b[1]) - Number(a[1])) * 12 + (Number(b[2]) - Number(a[2])) + 1;
}

/**
 * Checks a period before asking the server (which checks again): the error
 * code per field, the same codes the server sends (errors.* keys).
 */
export function checkPeriod({ from, to }, now = new Date()) {
	const errors = {};
	if (!MONTH.test(from || '')) errors.from = 'report_month_invalid';
	if (!MONTH.test(to || '')) errors.to = 'report_month_invalid';
	if (Object.keys(errors).length) return errors;
	if (to > monthOf(now)) errors.to = 'report_period_future';
	else if (from > to) errors.from = 'report_period_reversed';
	else if (monthsBetween(from, to) > MAX_MONTHS) errors.from = 'report_period_too_long';
	return errors;
}

const monthFormat = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "März 2026" for 2026-03 (the key itself when it is none). */
export function monthName(key) {
	const m = MONTH.exec(key || '');
	return m ? monthFormat.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : key;
}

/** The query string of a report request. */
export function reportQuery({ from, to }, format) {
	const q = new URLSearchParams({ from, to });
	if (format && format !== 'json') q.set('format', format);
	return q.toString();
}

export const isSuppressed = (cell) => cell === PRIMARY || cell === SECONDARY;

const formats = {
	count: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }),
	places: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }),
	days: new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
	percent: new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** A cell as text: German numbers, the markers as they are, "–" for none. */
export function cellText(cell, unit) {
	if (cell === null || cell === undefined) return '–';
	if (typeof cell === 'string') return cell;
	return (formats[unit] || formats.count).format(cell);
}

/** The server's filename from Content-Disposition, else fallback. */
export function fileName(disposition, fallback) {
	const m = /filename="([^"]+)"/.exec(disposition || '');
	return m ? m[1] : fallback;
}

// ---- charts -----------------------------------------------------------------------------

/** A "nice" upper bound for an axis: 1, 2, 5 × 10^k at or above max (at least 1). */
export function niceMax(max) {
	if (!(max > 0)) return 1;
	const p = 10 ** Math.floor(Math.log10(max));
	for (const f of [1, 2, 5, 10]) if (f * p >= max) return f * p;
	return 10 * p;
}

/** Axis ticks 0..top in up to five equal, whole steps. */
export function ticks(top) {
	const step = niceMax(top / 5) < 1 ? 1 : niceMax(top / 5);
	const out = [];
	for (let v = 0; v <= top + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
	return out;
}

/** Shortens a label for the chart's axis (the table has it in full). */
export function shortLabel(label, max = 24) {
	return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export const CHART = { width: 640, labelWidth: 190, bar: 14, gap: 4, groupGap: 12, top: 8, axis: 24, right: 36 };

/**
 * The geometry of a horizontal grouped bar chart for a report table: one group
 * per non-total row, one bar per listed column. Suppressed or missing values
 * get no bar but their marker as a label. Returns {width, height, plotX,
 * plotWidth, top, ticks: [{value, x}], series: [{column, label}], groups:
 * [{label, full, y, bars: [{series, x, y, width, height, value, text}]}]}.
 */
export function barChart(table, seriesIdx = table.chart?.series || [0]) {
	const c = CHART;
	const rows = table.rows.filter((r) => !r.total);
	const series = seriesIdx.map((i) => ({ column: i, label: table.columns[i].label, unit: table.columns[i].unit }));
	let max = 0;
	for (const r of rows) for (const s of series) if (typeof r.cells[s.column] === 'number') max = Math.max(max, r.cells[s.column]);
	const top = niceMax(max);
	const plotX = c.labelWidth;
	const plotWidth = c.width - c.labelWidth - c.right;
	const groupHeight = series.length * c.bar + (series.length - 1) * c.gap;
	const groups = rows.map((r, gi) => {
		const y = c.top + gi * (groupHeight + c.groupGap);
		return {
			label: shortLabel(r.label),
			full: r.label,
			y: y + groupHeight / 2,
			bars: series.map((s, si) => {
				const value = r.cells[s.column];
				const number = typeof value === 'number' ? value : 0;
				const width = (number / top) * plotWidth;
				return {
					series: si,
					x: plotX,
					y: y + si * (c.bar + c.gap),
					width,
					height: c.bar,
					value,
					text: cellText(value, s.unit),
				};
			}),
		};
	});
	const plotHeight = rows.length ? rows.length * (groupHeight + c.groupGap) - c.groupGap : 0;
	return {
		width: c.width,
		height: c.top + plotHeight + c.axis,
		plotX,
		plotWidth,
		plotBottom: c.top + plotHeight,
		top,
		ticks: ticks(top).map((value) => ({ value, x: plotX + (value / top) * plotWidth, text: cellText(value, 'count') })),
		series,
		groups,
	};
}
