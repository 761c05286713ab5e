// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import source from '../src/dev/fixtures/form.json';
import de from '../src/i18n/de.json';
import FormRenderer from '../src/lib/form/FormRenderer.svelte';
import { evaluate as devEvaluate } from '../src/dev/rules.js';
import { localize } from '../src/dev/mock.js';
import { setLanguage, useCatalogs } from '../src/lib/locale.svelte.js';

const form = localize(source, 'de').form;

let app;
beforeAll(async () => {
	useCatalogs(['de'], { './de.json': async () => de });
	await setLanguage('de', { remember: false });
});
afterEach(() => {
	if (app) unmount(app);
	app = null;
	document.body.innerHTML = '';
	vi.useRealTimers();
});

function render(props) {
	const target = document.createElement('div');
	document.body.append(target);
	app = mount(FormRenderer, { target, props: { form, answers: {}, evaluation: devEvaluate({}, 'de'), ...props } });
	flushSync();
	return target;
}

const labelOf = (el) => {
	if (el.getAttribute('aria-labelledby')) return document.getElementById(el.getAttribute('aria-labelledby'))?.textContent.trim();
	const byFor = el.id && document.querySelector(`label[for="${el.id}"]`);
	return (byFor || el.closest('label'))?.textContent.trim();
};

describe('FormRenderer', () => {
	it('draws every field type of the sample with a label for every control', () => {
		const root = render({ evaluation: { hidden: [], required: [], values: {}, errors: {} } });
		const types = new Set(form.sections.flatMap((s) => s.fields.map((f) => f.type)));
		expect([...types].sort()).toEqual(
			['boolean', 'calculated', 'choice', 'consent', 'date', 'email', 'file', 'info', 'integer', 'multichoice', 'number', 'phone', 'repeat', 'text', 'textarea'],
		);
		for (const s of form.sections) for (const f of s.fields) expect(root.querySelector(`[data-testid="field-${f.key}"]`), f.key).not.toBeNull();
		const controls = root.querySelectorAll('input, select, textarea, output');
		expect(controls.length).toBeGreaterThan(25);
		for (const el of controls) expect(labelOf(el), el.outerHTML).toBeTruthy();
		for (const fs of root.querySelectorAll('fieldset')) expect(fs.querySelector(':scope > legend')?.textContent.trim()).toBeTruthy();
	});

	it('hides what the evaluation hides and marks what it requires', () => {
		const root = render({});
		expect(root.querySelector('[data-testid="section-children"]')).toBeNull();
		expect(root.querySelector('[data-testid="field-permit_until"]')).toBeNull();
		expect(root.querySelector('label[for="f-email"]').textContent).toContain('Pflichtfeld');
		expect(root.querySelector('#f-email').getAttribute('aria-required')).toBe('true');
		expect(root.querySelector('label[for="f-phone"]').textContent).not.toContain('Pflichtfeld');
	});

	it('renders markup in labels and texts as text', () => {
		const evil = { sections: [{ key: 's', title: '<img src=x onerror=alert(1)>', fields: [{ key: 'a', type: 'text', label: '<script>alert(1)</script>Name' }] }] };
		const root = render({ form: evil, evaluation: { hidden: [], required: [], values: {}, errors: {} } });
		expect(root.querySelector('script, img')).toBeNull();
		expect(root.querySelector('label[for="f-a"]').textContent).toContain('<script>alert(1)</script>Name');
		expect(root.querySelector('h2').textContent).toBe('<img src=x onerror=alert(1)>');
	});

	it('ties errors to their field and translates the code', () => {
		const root = render({ errors: { first_name: { code: 'validation_required', message: 'Pflicht.' }, birth_date: { code: 'too_young', message: 'Sie müssen mindestens 18 Jahre alt sein.' } } });
		const input = root.querySelector('#f-first_name');
		expect(input.getAttribute('aria-invalid')).toBe('true');
		expect(input.getAttribute('aria-describedby')).toContain('f-first_name-error');
		expect(root.querySelector('#f-first_name-error').textContent).toBe(de.errors.validation_required);
		expect(root.querySelector('#f-birth_date-error').textContent).toBe('Sie müssen mindestens 18 Jahre alt sein.');
		expect(root.querySelector('#f-last_name').getAttribute('aria-invalid')).toBe('false');
	});

	it('asks the server only when a field a rule depends on changes', async () => {
		vi.useFakeTimers();
		const evaluate = vi.fn(async (answers) => devEvaluate(answers, 'de'));
		const answers = $state({});
		const root = render({ evaluate, answers });
		const type = (id, value) => {
			const el = root.querySelector(id);
			el.value = value;
			el.dispatchEvent(new Event('input', { bubbles: true }));
		};
		type('#f-first_name', 'Amal');
		type('#f-last_name', 'Haddad');
		await vi.advanceTimersByTimeAsync(1000);
		expect(evaluate).not.toHaveBeenCalled();
		type('#f-birth_date', '2012-01-01');
		await vi.advanceTimersByTimeAsync(1000);
		expect(evaluate).toHaveBeenCalledTimes(1);
		expect(evaluate.mock.calls[0][0]).toMatchObject({ first_name: 'Amal', birth_date: '2012-01-01' });
		flushSync();
		expect(root.querySelector('output').textContent.trim()).toMatch(/^\d+$/);
		expect(root.querySelector('#f-birth_date-error').textContent).toContain('18');
	});

	it('adds and removes repeat rows', async () => {
		const answers = $state({ languages: [] });
		const root = render({ answers, sections: ['situation'] });
		const add = [...root.querySelectorAll('[data-testid="field-languages"] button')].find((b) => b.textContent.includes('hinzufügen'));
		add.click();
		flushSync();
		add.click();
		flushSync();
		expect(root.querySelectorAll('[data-testid^="row-languages-"]').length).toBe(2);
		expect(root.querySelector('#f-languages-1-language')).not.toBeNull();
		root.querySelector('[data-testid="row-languages-0"] button').click();
		flushSync();
		expect(root.querySelectorAll('[data-testid^="row-languages-"]').length).toBe(1);
		expect(answers.languages.length).toBe(1);
	});

	it('shows each consent with purpose, version and its own checkbox', () => {
		const onconsent = vi.fn();
		const answers = $state({});
		const root = render({ answers, sections: ['consent'], onconsent });
		const consents = root.querySelectorAll('fieldset.consent');
		expect(consents.length).toBe(2);
		expect(consents[0].textContent.replace(/[\u2068\u2069]/g, '')).toContain('Fassung 2026-01');
		expect(consents[0].textContent).toContain('Verarbeitung meiner Angaben');
		expect(consents[0].querySelectorAll('input[type=checkbox]').length).toBe(1);
		consents[0].querySelector('input').click();
		flushSync();
		expect(answers.consent_processing).toBe(true);
		expect(answers.consent_jobcenter).toBeUndefined();
		expect(onconsent).toHaveBeenCalledWith(expect.objectContaining({ key: 'consent_processing' }), true);
	});

	it('stores numbers typed with Arabic-Indic digits and a decimal comma', () => {
		const answers = $state({});
		const root = render({ answers, sections: ['situation'] });
		const el = root.querySelector('#f-hours');
		el.value = '٣٧,٥';
		el.dispatchEvent(new Event('input', { bubbles: true }));
		expect(answers.hours).toBe(37.5);
		el.value = 'viel';
		el.dispatchEvent(new Event('input', { bubbles: true }));
		flushSync();
		expect(root.querySelector('#f-hours-error').textContent).toBe(de.errors.validation_number);
	});
});
