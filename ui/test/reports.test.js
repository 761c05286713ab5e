// The reporting page's pure logic (src/reports/model.js) and its texts.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { flatten } from '../src/lib/i18n.js';
import {
	barChart,
	cellText,
	checkPeriod,
	defaultPeriod,
	fileName,
	monthName,
	monthsBetween,
	niceMax,
	reportQuery,
	shortLabel,
	ticks,
} from '../src/reports/model.js';

describe('period', () => {
	const now = new Date(2026, 10, 25); // 25 November 2026

	it('defaults to January to this month', () => {
		expect(defaultPeriod(now)).toEqual({ from: '2026-01', to: '2026-11' });
	});

	it('counts months inclusively', () => {
		expect(monthsBetween('2025-12', '2026-11')).toBe(12);
		expect(monthsBetween('2026-03', '2026-03')).toBe(1);
		expect(monthsBetween('2026-3', '2026-04')).toBe(0);
	});

	it('checks a period with the server codes', () => {
		expect(checkPeriod({ from: '2026-01', to: '2026-11' }, now)).toEqual({});
		expect(checkPeriod({ from: '2026-13', to: '' }, now)).toEqual({ from: 'report_month_invalid', to: 'report_month_invalid' });
		expect(checkPeriod({ from: '2026-01', to: '2026-12' }, now)).toEqual({ to: 'report_period_future' });
		expect(checkPeriod({ from: '2026-05', to: '2026-04' }, now)).toEqual({ from: 'report_period_reversed' });
		expect(checkPeriod({ from: '2024-10', to: '2026-10' }, now)).toEqual({ from: 'report_period_too_long' });
		expect(checkPeriod({ from: '2024-11', to: '2026-10' }, now)).toEqual({});
	});

	it('names months in German and builds the query', () => {
		expect(monthName('2026-03')).toBe('März 2026');
		expect(monthName('bad')).toBe('bad');
		expect(reportQuery({ from: '2024-01', to: '2024-03' })).toBe('from=2024-01&to=2024-03');
		expect(reportQuery({ from: '2024-01', to: '2024-03' }, 'xlsx')).toBe('from=2024-01&to=2024-03&format=xlsx');
	});
});

describe('cells', () => {
	it('writes German numbers and keeps the markers', () => {
		expect(cellText(1234, 'count')).toBe('1.234');
		expect(cellText(36.3, 'days')).toBe('36,3');
		expect(cellText(5, 'percent')).toBe('5,0');
		expect(cellText('<5', 'count')).toBe('<5');
		expect(cellText('x', 'days')).toBe('x');
		expect(cellText(null, 'places')).toBe('–');
	});

	it('takes the file name the server gives', () => {
		expect(fileName('attachment; filename="multipotenzial-bericht-lift-2024-01-bis-2024-03.csv"', 'x.csv')).toBe(
			'multipotenzial-bericht-lift-2024-01-bis-2024-03.csv',
		);
		expect(fileName(null, 'fallback.xlsx')).toBe('fallback.xlsx');
	});
});

describe('bar chart', () => {
	it('scales to a nice bound with whole ticks', () => {
		expect([0, 1, 3, 7, 12, 60, 61].map(niceMax)).toEqual([1, 1, 5, 10, 20, 100, 100]);
		expect(ticks(1)).toEqual([0, 1]);
		expect(ticks(5)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
		expect(ticks(100)).toEqual([0, 20, 40, 60, 80, 100]);
	});

	it('shortens long labels', () => {
		expect(shortLabel('Anmeldung Integrationsbegleitung')).toBe('Anmeldung Integrationsb…');
		expect(shortLabel('Profiling')).toBe('Profiling');
	});

	const table = {
		key: 'entries',
		title: 'Zugänge je Monat',
		columns: [
			{ key: 'bwtw', label: 'BWTW', unit: 'count' },
			{ key: 'network', label: 'Netzwerk', unit: 'count' },
		],
		rows: [
			{ label: 'Januar 2024', cells: ['<5', 13] },
			{ label: 'Februar 2024', cells: [0, 'x'] },
			{ label: 'Gesamt', total: true, cells: ['<5', 19] },
		],
		chart: { series: [1] },
	};

	it('draws a bar per row and listed column, none for totals or hidden values', () => {
		const c = barChart(table);
		expect(c.top).toBe(20);
		expect(c.series).toEqual([{ column: 1, label: 'Netzwerk', unit: 'count' }]);
		expect(c.groups.map((g) => g.label)).toEqual(['Januar 2024', 'Februar 2024']);
		const [jan, feb] = c.groups.map((g) => g.bars[0]);
		expect(jan.width).toBeCloseTo((13 / 20) * c.plotWidth);
		expect(jan.text).toBe('13');
		expect(feb.width).toBe(0);
		expect(feb.text).toBe('x');
		expect(c.height).toBeGreaterThan(c.plotBottom);
	});

	it('groups several series', () => {
		const c = barChart(table, [0, 1]);
		expect(c.groups[0].bars.map((b) => b.text)).toEqual(['<5', '13']);
		expect(c.groups[0].bars[1].y).toBeGreaterThan(c.groups[0].bars[0].y);
	});
});

describe('texts', () => {
	const dir = new URL('../src/', import.meta.url).pathname;
	const json = (p) => flatten(JSON.parse(readFileSync(join(dir, p), 'utf8')));
	const known = { ...json('i18n/de.json'), ...json('i18n/staff/de.json'), ...json('i18n/staff/reports.de.json') };

	it('has every key the reporting page uses', () => {
		const used = new Set(['reports.period.from', 'reports.period.to']); // t(`reports.period.${field}`)
		for (const f of readdirSync(join(dir, 'reports'))) {
			const src = readFileSync(join(dir, 'reports', f), 'utf8');
			for (const m of src.matchAll(/\bt\(\s*'([a-z_]+\.[a-z_.]+)'/g)) used.add(m[1]);
		}
		expect(used.size).toBeGreaterThan(20);
		expect([...used].filter((k) => !(k in known))).toEqual([]);
	});

	it('explains every error code the report routes send', () => {
		const codes = ['report_month_invalid', 'report_period_future', 'report_period_reversed', 'report_period_too_long', 'report_format_invalid', 'report_not_allowed'];
		expect(codes.filter((c) => !(`errors.${c}` in known))).toEqual([]);
	});

	it('keeps its keys apart from the participant pages', () => {
		const participant = json('i18n/de.json');
		expect(Object.keys(json('i18n/staff/reports.de.json')).filter((k) => k in participant)).toEqual([]);
	});
});
