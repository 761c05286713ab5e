// @vitest-environment happy-dom
// The registration page with a scripted server: resuming a send after a reload,
// a dropped connection, one idempotency key throughout, the draft cleared.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';
import source from '../src/dev/fixtures/form.json';
import de from '../src/i18n/de.json';
import { localize } from '../src/dev/mock.js';
import { evaluate as devEvaluate } from '../src/dev/rules.js';
import { draftKey, newDraft } from '../src/lib/draft.js';
import { setLanguage, useCatalogs } from '../src/lib/locale.svelte.js';
import Registration from '../src/register/Registration.svelte';

const T = 'bwtw';
const O = 'integrationsbegleitung';
const formResponse = { ...localize(source, 'de'), language: 'de', dir: 'ltr', initial: devEvaluate({}, 'de') };
const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fake server: submissions answers come from `script` (an Error = dropped connection). */
function server(script, { evaluateFails = false } = {}) {
	const posts = [];
	globalThis.fetch = vi.fn(async (url, init = {}) => {
		const u = String(url);
		if (u.includes('/pow')) return json(200, { challenge: 'test-challenge', difficulty: 4 });
		if (u.endsWith('/evaluate')) {
			if (evaluateFails) throw new TypeError('Failed to fetch');
			return json(200, devEvaluate(JSON.parse(init.body).answers, 'de'));
		}
		if (u.endsWith('/submissions')) {
			posts.push({ key: init.headers['Idempotency-Key'], body: JSON.parse(init.body) });
			const next = script.shift();
			if (next instanceof Error) throw next;
			return next();
		}
		if (u.includes(`/offers/${T}/${O}`)) return json(200, formResponse);
		return json(404, { status: 404, message: 'Not found.', data: {} });
	});
	return posts;
}

const until = async (fn, ms = 5000) => {
	const end = Date.now() + ms;
	while (!fn()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
		flushSync();
	}
};

let app;
beforeAll(async () => {
	useCatalogs(['de'], { './de.json': async () => de });
	await setLanguage('de', { remember: false });
});
beforeEach(() => {
	localStorage.clear();
	sessionStorage.clear();
});
afterEach(() => {
	if (app) unmount(app);
	app = null;
	document.body.innerHTML = '';
});

const render = () => {
	const target = document.createElement('main');
	document.body.append(target);
	app = mount(Registration, { target, props: { tenant: T, offer: O } });
	return target;
};

const answers = {
	first_name: 'Amal', last_name: 'Haddad', birth_date: '1990-04-02', nationality: 'SY', phone: '+49 151 2345678',
	work_permit: 'no', consent_processing: true,
};

describe('registration page', () => {
	it('resumes an interrupted send after a reload with the same key and request, once (even with evaluate down)', async () => {
		const draft = { ...newDraft({ language: 'de', answers }), step: 'consent', consents: { consent_processing: { purpose: 'data_processing', version: '2026-01', language: 'de' } } };
		draft.request = { answers, files: [], language: 'de', website: '' };
		localStorage.setItem(draftKey(T, O), JSON.stringify(draft));
		const posts = server([new TypeError('Failed to fetch'), () => json(201, { reference: 'BWTW-2026-00042', submission: 's1', claim: 'c1' })], { evaluateFails: true });

		const root = render();
		await until(() => root.querySelector('[data-testid=reference]'), 8000);

		expect(root.querySelector('[data-testid=reference]').textContent).toBe('BWTW-2026-00042');
		expect(posts.length).toBe(2);
		expect(posts.map((p) => p.key)).toEqual([draft.key, draft.key]);
		expect(posts[0].body.answers).toEqual(answers);
		expect(posts[1].body.answers).toEqual(answers);
		expect(posts[0].body.pow.challenge).toBe('test-challenge');
		expect(posts[0].body).toMatchObject({ language: 'de', website: '' });
		expect(localStorage.getItem(draftKey(T, O))).toBeNull();
		expect(JSON.parse(sessionStorage.getItem(`mp.done.${T}.${O}`))).toMatchObject({ reference: 'BWTW-2026-00042', claim: 'c1' });
	}, 10000);

	it('keeps the draft and shows the errors at their fields when the server refuses', async () => {
		const draft = { ...newDraft({ language: 'de', answers }), step: 'consent', consents: { consent_processing: { purpose: 'data_processing', version: '2026-01', language: 'de' } } };
		draft.request = { answers, files: [], language: 'de', website: '' };
		localStorage.setItem(draftKey(T, O), JSON.stringify(draft));
		server([() => json(400, { status: 400, message: 'Validation failed.', data: { birth_date: { code: 'too_young', message: 'Sie müssen mindestens 18 Jahre alt sein.' } } })]);

		const root = render();
		await until(() => root.querySelector('[data-testid=error-summary]'));
		await tick();
		expect(root.querySelector('[data-testid=error-summary]').textContent).toContain('Geburtsdatum: Sie müssen mindestens 18 Jahre alt sein.');
		expect(root.querySelector('#f-birth_date').getAttribute('aria-invalid')).toBe('true');
		const stored = JSON.parse(localStorage.getItem(draftKey(T, O)));
		expect(stored.answers).toEqual(answers);
		expect(stored.request).toBeNull();
		expect(stored.key).toBe(draft.key);
	});

	it('drops a consent given for another language before anything is sent', async () => {
		const draft = { ...newDraft({ language: 'ar', answers }), consents: { consent_processing: { purpose: 'data_processing', version: '2026-01', language: 'ar' } } };
		localStorage.setItem(draftKey(T, O), JSON.stringify(draft));
		server([]);
		const root = render();
		await until(() => root.querySelector('[data-testid=next]'));
		await tick();
		const stored = JSON.parse(localStorage.getItem(draftKey(T, O)));
		expect(stored.answers.consent_processing).toBeUndefined();
		expect(stored.consents).toEqual({});
		expect(stored.answers.first_name).toBe('Amal');
	});

	it('stops at the first step with the empty required fields listed and linked', async () => {
		server([]);
		const root = render();
		await until(() => root.querySelector('[data-testid=next]'));
		root.querySelector('[data-testid=next]').click();
		await until(() => root.querySelector('[data-testid=error-summary]'));
		const links = [...root.querySelectorAll('[data-testid=error-summary] a')].map((a) => a.getAttribute('href'));
		expect(links).toEqual(expect.arrayContaining(['#f-first_name', '#f-last_name', '#f-birth_date', '#f-nationality', '#f-email']));
		expect(root.querySelector('[data-testid=step]').textContent).toContain('Schritt 1 von');
		expect(globalThis.fetch.mock.calls.some(([u]) => String(u).endsWith('/submissions'))).toBe(false);
	});
});
