import { describe, expect, it } from 'vitest';
import source from '../src/dev/fixtures/form.json';
import { localize } from '../src/dev/mock.js';
import { consentRecord, staleConsents } from '../src/lib/form/consent.js';
import { fieldId, getAt, listHas } from '../src/lib/form/paths.js';
import { errorParams, fieldAt, initialAnswers, labelTrail, missingRequired, removeFiles, sectionOf, toWire, visibleSections } from '../src/lib/form/rules.js';
import { formatValue, parseNumber } from '../src/lib/form/values.js';

const form = localize(source, 'de').form;
const none = { hidden: [], required: [], values: {}, errors: {} };

describe('paths', () => {
	it('matches row paths in any spelling the server may use', () => {
		expect(listHas(['languages[].level'], 'languages[2].level')).toBe(true);
		expect(listHas(['languages.level'], 'languages[0].level')).toBe(true);
		expect(listHas(['languages[1].level'], 'languages[0].level')).toBe(false);
		expect(listHas(['level'], 'languages[0].level')).toBe(false);
	});
	it('makes DOM ids and reads answers', () => {
		expect(fieldId('languages[1].level')).toBe('f-languages-1-level');
		expect(getAt({ languages: [{}, { level: 'good' }] }, 'languages[1].level')).toBe('good');
		expect(getAt({}, 'a[0].b')).toBeUndefined();
	});
});

describe('rules', () => {
	it('skips hidden sections as steps', () => {
		expect(visibleSections(form, { ...none, hidden: ['section:children'] }).map((s) => s.key)).toEqual(['person', 'situation', 'documents', 'consent']);
	});

	it('finds empty required fields, rows included, and ignores hidden ones', () => {
		const state = { ...none, hidden: ['permit_until'], required: ['email', 'languages[0].level', 'permit_until'] };
		const answers = { first_name: 'A', last_name: '', languages: [{ language: 'Dari' }], consent_processing: false };
		const errs = missingRequired(form.sections, answers, state);
		expect(Object.keys(errs).sort()).toEqual(['birth_date', 'consent_processing', 'email', 'languages[0].level', 'last_name', 'nationality', 'work_permit']);
		expect(errs.email).toEqual({ code: 'validation_required' });
	});

	it('counts a "no" as an answer to a required yes/no question', () => {
		const f = { sections: [{ key: 's', fields: [{ key: 'b', type: 'boolean', required: true }] }] };
		expect(missingRequired(f.sections, { b: false }, none)).toEqual({});
	});

	it('checks the number of rows and files', () => {
		const f = { sections: [{ key: 's', fields: [{ key: 'docs', type: 'file', max_items: 1 }, { key: 'r', type: 'repeat', min_items: 2, fields: [] }] }] };
		const errs = missingRequired(f.sections, { docs: [{}, {}], r: [{}] }, none);
		expect(errs.docs).toEqual({ code: 'validation_max_items' });
		expect(errs.r).toEqual({ code: 'validation_min_items' });
	});

	it('starts with defaults and the minimum number of rows', () => {
		const f = { sections: [{ key: 's', fields: [{ key: 'a', type: 'choice', default: 'x' }, { key: 'r', type: 'repeat', min_items: 1, fields: [] }, { key: 'c', type: 'calculated', default: 1 }] }] };
		expect(initialAnswers(f)).toEqual({ a: 'x', r: [{}] });
	});

	it('sends file fields as names, hands over the files, drops display-only fields', () => {
		const f = { sections: [{ key: 's', fields: [
			{ key: 'docs', type: 'file' },
			{ key: 'age', type: 'calculated' },
			{ key: 'kids', type: 'repeat', fields: [{ key: 'cert', type: 'file' }, { key: 'name', type: 'text' }] },
		] }] };
		const files = [];
		const wire = toWire(f, { docs: [{ id: '1', name: 'cv.pdf' }], age: 30, stray: 1, kids: [{ name: 'A', cert: [{ id: '2', name: 'a.jpg' }] }] }, (p, m) => files.push([p, m.id]));
		expect(wire).toEqual({ docs: ['cv.pdf'], kids: [{ cert: ['a.jpg'], name: 'A' }] });
		expect(files).toEqual([['docs', '1'], ['kids[0].cert', '2']]);
	});

	it('leaves hidden fields and sections out of a submission', () => {
		const answers = { first_name: 'A', permit_until: '2030-01-01', has_children: false, children_count: 2, languages: [{ language: 'Dari', level: 'good' }] };
		const state = { ...none, hidden: ['permit_until', 'section:children', 'languages[].level'] };
		expect(toWire(form, answers, undefined, state)).toEqual({ first_name: 'A', has_children: false, languages: [{ language: 'Dari' }] });
		expect(toWire(form, answers)).toMatchObject({ permit_until: '2030-01-01', children_count: 2 });
	});

	it('drops file entries whose blobs are gone', () => {
		const f = { sections: [{ key: 's', fields: [{ key: 'docs', type: 'file' }, { key: 'kids', type: 'repeat', fields: [{ key: 'cert', type: 'file' }] }] }] };
		const answers = { docs: [{ id: '1' }, { id: '2' }], kids: [{ cert: [{ id: '3' }] }] };
		removeFiles(f, answers, ['1', '3']);
		expect(answers).toEqual({ docs: [{ id: '2' }], kids: [{ cert: [] }] });
	});

	it('fills the limit of an error from the field definition', () => {
		expect(fieldAt(form, 'languages[3].level').key).toBe('level');
		expect(fieldAt(form, 'nope')).toBeUndefined();
		expect(errorParams(fieldAt(form, 'hours'), 'validation_max')).toEqual({ n: 48 });
		expect(errorParams(fieldAt(form, 'documents'), 'validation_file_too_large')).toEqual({ n: 10 });
		expect(errorParams(fieldAt(form, 'hours'), 'validation_required')).toBeUndefined();
		expect(errorParams(fieldAt(form, 'first_name'), 'validation_min_length')).toBeUndefined();
	});

	it('names the field and row of an error path, and its section', () => {
		expect(labelTrail(form, 'languages[1].level')).toEqual([{ label: 'Weitere Sprachen', row: 2 }, { label: 'Niveau' }]);
		expect(labelTrail(form, 'nope')).toEqual([]);
		expect(sectionOf(form, 'languages[1].level')).toBe('situation');
		expect(sectionOf(form, 'consent_processing')).toBe('consent');
	});
});

describe('consent', () => {
	const field = form.sections.find((s) => s.key === 'consent').fields[0];
	it('records purpose, version and language', () => {
		expect(consentRecord(field, 'ar')).toEqual({ purpose: 'data_processing', version: '2026-01', language: 'ar' });
	});
	it('undoes a consent given in another language or for another version', () => {
		const answers = { consent_processing: true, consent_jobcenter: true };
		const records = { consent_processing: consentRecord(field, 'de'), consent_jobcenter: { purpose: 'share_jobcenter', version: '2025-06', language: 'de' } };
		expect(staleConsents(form, answers, records, 'de')).toEqual(['consent_jobcenter']);
		expect(staleConsents(form, answers, records, 'ar')).toEqual(['consent_processing', 'consent_jobcenter']);
		expect(staleConsents(form, { consent_processing: true }, {}, 'de')).toEqual(['consent_processing']);
	});
});

describe('numbers', () => {
	it('reads Western, Arabic-Indic and Persian digits and decimal commas', () => {
		expect(parseNumber('12,5')).toEqual({ value: 12.5 });
		expect(parseNumber('٣٧٫٥')).toEqual({ value: 37.5 });
		expect(parseNumber('۴۰')).toEqual({ value: 40 });
		expect(parseNumber(' -3 ')).toEqual({ value: -3 });
		expect(parseNumber('')).toEqual({ value: undefined });
	});
	it('rejects text and fractions for integers', () => {
		expect(parseNumber('abc')).toEqual({ error: 'validation_number' });
		expect(parseNumber('1.5', true)).toEqual({ error: 'validation_integer' });
		expect(parseNumber('1e5')).toEqual({ error: 'validation_number' });
	});
});

describe('calculated values', () => {
	it('reads as the person would say it', () => {
		expect(formatValue(true, 'de', ['Ja', 'Nein'])).toBe('Ja');
		expect(formatValue(false, 'de', ['Ja', 'Nein'])).toBe('Nein');
		expect(formatValue(2.5, 'de')).toBe('2,5');
		expect(formatValue(1 / 3, 'en')).toBe('0.33');
		expect(formatValue(36, 'ar')).toBe('36');
		expect(formatValue(null, 'de')).toBeNull();
		expect(formatValue('2027-01-01', 'de')).toBe('2027-01-01');
	});
});
