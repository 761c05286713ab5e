// @vitest-environment happy-dom
// The reporting page's table and chart components.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import de from '../src/i18n/de.json';
import staff from '../src/i18n/staff/de.json';
import reports from '../src/i18n/staff/reports.de.json';
import { setLanguage, useCatalogs } from '../src/lib/locale.svelte.js';
import BarChart from '../src/reports/BarChart.svelte';
import ReportTable from '../src/reports/ReportTable.svelte';

const table = {
	key: 'entries',
	title: 'Zugänge je Monat',
	stub: 'Monat',
	note: 'Zugang: Fall im Monat eröffnet (Anmeldung).',
	columns: [
		{ key: 'bwtw', label: 'BWTW', unit: 'count' },
		{ key: 'lift', label: 'LIFT', unit: 'count' },
		{ key: 'network', label: 'Netzwerk', unit: 'count' },
	],
	rows: [
		{ key: '2024-01', label: 'Januar 2024', cells: ['<5', 1206, 'x'] },
		{ key: '2024-02', label: 'Februar 2024', cells: [0, 'x', 'x'] },
		{ key: 'total', label: 'Gesamt', total: true, cells: ['<5', 'x', 1299] },
	],
	chart: { series: [2] },
};

let app;
beforeAll(async () => {
	useCatalogs(['de'], { './de.json': async () => de }, { './de.json': async () => staff }, { './de.json': async () => reports });
	await setLanguage('de', { remember: false });
});
afterEach(() => {
	if (app) unmount(app);
	app = null;
	document.body.innerHTML = '';
});

function render(Component, props) {
	const target = document.createElement('div');
	document.body.append(target);
	app = mount(Component, { target, props });
	flushSync();
	return target;
}

describe('ReportTable', () => {
	it('has a caption, column and row headers, German numbers and spoken markers', () => {
		const el = render(ReportTable, { table, id: 'r-entries' });
		const region = el.querySelector('[role="region"]');
		expect(document.getElementById(region.getAttribute('aria-labelledby')).textContent).toBe('Zugänge je Monat');
		expect([...el.querySelectorAll('thead th[scope="col"]')].map((th) => th.textContent.trim())).toEqual(['Monat', 'BWTW', 'LIFT', 'Netzwerk']);
		expect([...el.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent)).toEqual(['Januar 2024', 'Februar 2024', 'Gesamt']);
		const first = [...el.querySelectorAll('tbody tr')[0].querySelectorAll('td')];
		expect(first[0].textContent).toBe('<5weniger als 5, gesperrt');
		expect(first[0].querySelector('[aria-hidden="true"]').textContent).toBe('<5');
		expect(first[1].textContent.trim()).toBe('1.206');
		expect(first[2].textContent).toBe('xgesperrt');
		expect(el.querySelector('tr.total td:last-child').textContent.trim()).toBe('1.299');
		expect(el.querySelector('.note').textContent).toContain('Zugang');
	});
});

describe('BarChart', () => {
	it('is an image named after its table, with a bar per shown value', () => {
		const el = render(BarChart, { table, id: 'c-entries' });
		const svg = el.querySelector('svg[role="img"]');
		expect(document.getElementById(svg.getAttribute('aria-labelledby')).textContent).toBe(
			'Balkendiagramm Zugänge je Monat (Netzwerk); die Werte stehen in der Tabelle darunter.',
		);
		expect(el.querySelectorAll('rect.bar')).toHaveLength(0); // both months hidden: "x"
		expect([...el.querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['x', 'x']);
		expect(el.querySelector('.legend')).toBeNull(); // one series needs no legend
	});

	it('draws the bars of several series with a legend', () => {
		const el = render(BarChart, { table: { ...table, chart: { series: [0, 1] } }, id: 'c-2' });
		expect(el.querySelectorAll('rect.bar')).toHaveLength(1); // LIFT's 1206 in January
		expect([...el.querySelectorAll('.legend .key')].map((k) => k.textContent)).toEqual(['BWTW', 'LIFT']);
	});
});
