import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dirOf, errorText, flatten, format, pickLanguage, PARTICIPANT_LANGUAGES } from '../src/lib/i18n.js';

const dir = new URL('../src/i18n/', import.meta.url).pathname;
const load = (file) => flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')));
const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translation files', () => {
	const de = load('de.json');
	const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

	it('has a file for every participant language, German first', () => {
		expect(PARTICIPANT_LANGUAGES[0]).toBe('de');
		for (const l of PARTICIPANT_LANGUAGES) expect(files).toContain(`${l}.json`);
	});

	for (const lang of PARTICIPANT_LANGUAGES.slice(1)) {
		it(`${lang} has exactly the German keys and placeholders`, () => {
			const other = load(`${lang}.json`);
			const missing = Object.keys(de).filter((k) => !(k in other));
			const extra = Object.keys(other).filter((k) => !(k in de));
			expect(missing, `${lang}.json misses keys`).toEqual([]);
			expect(extra, `${lang}.json has keys German lacks`).toEqual([]);
			for (const k of Object.keys(de)) {
				expect(typeof other[k], `${lang}: ${k}`).toBe('string');
				expect(other[k].trim(), `${lang}: ${k} is empty`).not.toBe('');
				expect(placeholders(other[k]), `${lang}: placeholders of ${k}`).toEqual(placeholders(de[k]));
			}
		});
	}

	it('defines every key the sources use with t("…")', () => {
		const src = new URL('../src/', import.meta.url).pathname;
		const used = new Set();
		const walk = (d) => {
			for (const e of readdirSync(d, { withFileTypes: true })) {
				const p = join(d, e.name);
				if (e.isDirectory()) {
					if (e.name !== 'dev' && e.name !== 'i18n') walk(p);
				} else if (/\.(js|svelte)$/.test(e.name)) {
					for (const m of readFileSync(p, 'utf8').matchAll(/\bt\(\s*'([a-z_]+\.[a-z_.]+)'/g)) used.add(m[1]);
				}
			}
		};
		walk(src);
		expect(used.size).toBeGreaterThan(20);
		// Staff pages also use the staff catalogs (German only), loaded on top of de.json.
		const staff = readdirSync(join(dir, 'staff'))
			.filter((f) => f.endsWith('.json'))
			.map((f) => load(`staff/${f}`));
		expect([...used].filter((k) => !(k in de) && !staff.some((c) => k in c))).toEqual([]);
	});

	it('keeps staff keys apart from participant keys', () => {
		const staff = flatten(JSON.parse(readFileSync(join(dir, 'staff/de.json'), 'utf8')));
		expect(Object.keys(staff).filter((k) => k in de)).toEqual([]);
	});
});

describe('language choice', () => {
	it('takes the first supported browser language', () => {
		expect(pickLanguage(['sv-SE', 'ar-SY', 'en'])).toBe('ar');
		expect(pickLanguage(['en-GB', 'de'])).toBe('en');
	});
	it('maps Dari and Afghan Persian onto fa', () => {
		expect(pickLanguage(['prs'])).toBe('fa');
		expect(pickLanguage(['fa-AF'])).toBe('fa');
	});
	it('falls back to German', () => {
		expect(pickLanguage(['ti', 'ku'])).toBe('de');
		expect(pickLanguage([])).toBe('de');
		expect(pickLanguage(undefined)).toBe('de');
	});
	it('knows the right-to-left languages', () => {
		expect(dirOf('ar')).toBe('rtl');
		expect(dirOf('fa')).toBe('rtl');
		expect(dirOf('prs')).toBe('rtl');
		expect(dirOf('de')).toBe('ltr');
		expect(dirOf('uk')).toBe('ltr');
	});
});

describe('error codes', () => {
	const messages = {
		ar: load('ar.json'),
		de: load('de.json'),
	};
	const lookupIn = (lang) => (key, params) => (key in messages[lang] ? format(messages[lang][key], params) : undefined);

	it('translates a known code in the participant language', () => {
		const item = { code: 'validation_required', message: 'Pflichtfeld.' };
		expect(errorText(lookupIn('ar'), item)).toBe(messages.ar['errors.validation_required']);
	});
	it('falls back to the server message for an unknown code (admin rule messages)', () => {
		const item = { code: 'too_young', message: 'يجب أن يكون عمرك 18 عامًا على الأقل.' };
		expect(errorText(lookupIn('ar'), item)).toBe(item.message);
	});
	it('fills the limit of the field', () => {
		expect(errorText(lookupIn('ar'), { code: 'validation_max_items', message: 'Bitte geben Sie höchstens 3 Einträge an.' }, { n: 3 })).toBe(
			messages.ar['errors.validation_max_items'].replace('{n}', '3'),
		);
	});
	it('prefers the server message over a translation with unfilled placeholders', () => {
		expect(errorText(lookupIn('de'), { code: 'validation_max_items', message: 'Höchstens 5.' })).toBe('Höchstens 5.');
	});
	// Every code a participant can get from the server: test/error-codes.test.js (read from the Go sources).
	it('has a generic text when there is neither', () => {
		expect(errorText(lookupIn('de'), { code: 'nope' })).toBe(messages.de['errors.unexpected']);
	});
});
