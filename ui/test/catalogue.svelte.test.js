// @vitest-environment happy-dom
// The offer catalogue filters by the districts of each offer (item.regions:
// the offer's own, else its Träger's), not by the Träger's districts alone.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import de from '../src/i18n/de.json';
import { setLanguage, useCatalogs } from '../src/lib/locale.svelte.js';
import Catalogue from '../src/register/Catalogue.svelte';

const NDH = { code: 'NDH', name: 'Landkreis Nordhausen' };
const KYF = { code: 'KYF', name: 'Kyffhäuserkreis' };
const UH = { code: 'UH', name: 'Unstrut-Hainich-Kreis' };
const offer = (slug, title) => ({ slug, title, category: 'professional' });
const items = [
	// LIFT sits in Nordhausen; this offer of theirs is for the Kyffhäuserkreis too.
	{ tenant: { slug: 'lift', name: 'LIFT gGmbH', regions: [NDH] }, regions: [NDH, KYF], offer: offer('integrationsbegleitung', 'Integrationsbegleitung') },
	{ tenant: { slug: 'fau', name: 'FAU', regions: [KYF] }, regions: [KYF], offer: offer('freizeit', 'Freizeit') },
	// Only for the Unstrut-Hainich-Kreis, although the Träger is in Nordhausen too.
	{ tenant: { slug: 'lift', name: 'LIFT gGmbH', regions: [NDH] }, regions: [UH], offer: offer('sprachcafe', 'Sprachcafé') },
];

const until = async (fn, ms = 3000) => {
	const end = Date.now() + ms;
	while (!fn()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 10));
		flushSync();
	}
};

let app;
beforeAll(async () => {
	useCatalogs(['de'], { './de.json': async () => de });
	await setLanguage('de', { remember: false });
});
afterEach(() => {
	if (app) unmount(app);
	app = null;
	document.body.innerHTML = '';
});

async function render() {
	globalThis.fetch = vi.fn(async () => new Response(JSON.stringify({ items }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
	const target = document.createElement('main');
	document.body.append(target);
	app = mount(Catalogue, { target });
	await until(() => target.querySelector('[data-testid=offers]'));
	return target;
}

const shown = (root) => [...root.querySelectorAll('[data-testid=offers] > li')].map((li) => li.dataset.testid);

// Chooses a district as a person does. happy-dom does not match ':checked' on
// the chosen <option>, which Svelte's bind:value asks for on change.
function pick(root, code) {
	const select = root.querySelector('[data-testid=filter-district]');
	const query = select.querySelector.bind(select);
	select.querySelector = (q) => (q === ':checked' ? select.options[select.selectedIndex] : query(q));
	select.value = code;
	select.dispatchEvent(new Event('change', { bubbles: true }));
	flushSync();
}

describe('offer catalogue', () => {
	it('offers the districts of the offers in the district filter', async () => {
		const root = await render();
		const options = [...root.querySelectorAll('[data-testid=filter-district] option')].map((o) => o.value);
		expect(options).toEqual(['', 'KYF', 'NDH', 'UH']);
	});

	it('lists an offer under each of its own districts', async () => {
		const root = await render();
		pick(root, 'KYF');
		expect(shown(root)).toEqual(['offer-lift-integrationsbegleitung', 'offer-fau-freizeit']);
		pick(root, 'NDH');
		expect(shown(root)).toEqual(['offer-lift-integrationsbegleitung']);
		pick(root, 'UH');
		expect(shown(root)).toEqual(['offer-lift-sprachcafe']);
	});

	it('shows the offer’s districts on its card', async () => {
		const root = await render();
		const districts = root.querySelector('[data-testid=offer-lift-sprachcafe] [data-testid=offer-districts]');
		expect(districts.textContent).toBe('Unstrut-Hainich-Kreis');
	});

	it('falls back to the Träger’s districts when the server sends none for the offer', async () => {
		items.push({ tenant: { slug: 'vhs', name: 'VHS', regions: [{ code: 'EIC', name: 'Landkreis Eichsfeld' }] }, offer: offer('kurs', 'Kurs') });
		try {
			const root = await render();
			pick(root, 'EIC');
			expect(shown(root)).toEqual(['offer-vhs-kurs']);
		} finally {
			items.pop();
		}
	});
});
