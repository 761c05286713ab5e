// The studio's pure logic: definition edits, translation coverage, the diff
// against the last version, the diagram layout, diagnostics and files.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
	allowedProps,
	changeType,
	fieldKeys,
	keyFromLabel,
	locate,
	move,
	newField,
	newSection,
	ownerOf,
	pathOf,
	ruleFields,
	setProp,
	starterForm,
	uniqueKey,
	validKey,
} from '../src/studio/model/definition.js';
import { coverage, formTexts, hasLanguage, percent, workflowTexts } from '../src/studio/model/translations.js';
import { changed, diffForm, diffWorkflow, same } from '../src/studio/model/diff.js';
import { edgesOf, layers, layout, NODE_H, NODE_W } from '../src/studio/model/layout.js';
import { at, counts, ofElement, segments, under } from '../src/studio/model/diagnostics.js';
import { exportForm, exportOffer, exportWorkflow, fileName, ImportError, parseImport } from '../src/studio/model/bundle.js';
import { dependents, guardFields, newState, newTransition, removeState, renameState, renameTransition, starterWorkflow } from '../src/studio/model/workflow.js';

const demoForm = () => JSON.parse(readFileSync(new URL('../../demo/content/intake-form.json', import.meta.url), 'utf8'));
const demoWorkflow = () => JSON.parse(readFileSync(new URL('../../demo/content/integrationsbegleitung-workflow.json', import.meta.url), 'utf8'));

/** The small form of the browser test: two fields and a visible_if rule. */
function small() {
	const form = starterForm('Sprachcafé');
	form.sections[0].fields.push(newField('boolean', 'Arbeiten Sie?', fieldKeys(form)));
	const employer = newField('text', 'Arbeitgeber', fieldKeys(form));
	employer.visible_if = 'arbeiten_sie == true';
	form.sections[0].fields.push(employer);
	return form;
}

describe('definition edits', () => {
	it('makes keys from German labels, never reserved, unique', () => {
		expect(keyFromLabel('Größe in cm')).toBe('groesse_in_cm');
		expect(keyFromLabel('Arbeiten Sie?')).toBe('arbeiten_sie');
		expect(keyFromLabel('  123 Straße ')).toBe('strasse');
		expect(keyFromLabel('Alter')).toBe('alter');
		expect(keyFromLabel('Age')).toBe('age_wert');
		expect(keyFromLabel('Today')).toBe('today_wert');
		expect(keyFromLabel('!!!')).toBe('feld');
		expect(keyFromLabel('x'.repeat(80))).toHaveLength(40);
		expect(uniqueKey('name', ['name', 'name_2'])).toBe('name_3');
		expect(validKey('first_name')).toBe(true);
		expect(validKey('len')).toBe(false);
		expect(validKey('Name')).toBe(false);
		expect(validKey('1a')).toBe(false);
	});

	it('starts an intake with first and last name and adds fields with unique keys', () => {
		const form = small();
		expect(form.sections[0].fields.map((f) => f.key)).toEqual(['first_name', 'last_name', 'arbeiten_sie', 'arbeitgeber']);
		const again = newField('text', 'Arbeitgeber', fieldKeys(form));
		expect(again.key).toBe('arbeitgeber_2');
		expect(again.label).toEqual({ de: 'Arbeitgeber' });
	});

	it('gives every type what it needs and nothing it may not have', () => {
		for (const type of ['choice', 'multichoice']) expect(newField(type, 'Wahl').options).toHaveLength(2);
		expect(newField('consent', 'Einwilligung').consent).toEqual({ purpose: 'data_processing', version: '1', text: { de: '' } });
		expect(newField('info', 'Hinweis')).toEqual({ key: 'hinweis', type: 'info', label: { de: 'Hinweis' }, text: { de: '' } });
		expect(newField('repeat', 'Sprachen').fields[0].type).toBe('text');
		expect(allowedProps('info')).not.toContain('required');
		expect(allowedProps('calculated')).toContain('result');
		expect(allowedProps('text')).toContain('pattern');
		expect(allowedProps('number')).not.toContain('pattern');
	});

	it('drops the properties a new type lacks', () => {
		const f = newField('choice', 'Deutschkenntnisse');
		f.required = true;
		f.visible_if = 'x';
		changeType(f, 'text');
		expect(f).toEqual({ key: 'deutschkenntnisse', type: 'text', label: { de: 'Deutschkenntnisse' }, required: true, visible_if: 'x' });
		f.max_length = 10;
		changeType(f, 'info');
		expect(f.required).toBeUndefined();
		expect(f.max_length).toBeUndefined();
		expect(f.text).toEqual({ de: '' });
	});

	it('removes properties set to nothing', () => {
		const f = { key: 'a', type: 'text', label: 'A' };
		setProp(f, 'visible_if', 'b == 1');
		expect(f.visible_if).toBe('b == 1');
		setProp(f, 'visible_if', '');
		setProp(f, 'validations', []);
		expect('visible_if' in f).toBe(false);
		expect('validations' in f).toBe(false);
	});

	it('moves in place and ignores moves off the list', () => {
		const list = ['a', 'b', 'c', 'd'];
		expect(move(list, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
		expect(move(list, 3, 0)).toEqual(['d', 'b', 'c', 'a']);
		expect(move(list, 1, 9)).toEqual(['d', 'b', 'c', 'a']);
		expect(move(list, -1, 0)).toEqual(['d', 'b', 'c', 'a']);
	});

	it('adds sections with their own keys', () => {
		const form = small();
		const s = newSection('Zur Person', form);
		expect(s.key).toBe('zur_person');
		expect(s.fields[0].key).toBe('neues_feld');
	});

	it('finds elements and the owners of diagnostic paths', () => {
		const form = demoForm();
		const group = form.sections[1].fields.find((f) => f.type === 'repeat');
		const gi = form.sections[1].fields.indexOf(group);
		expect(locate(form, group)).toEqual({ s: 1, f: gi });
		expect(locate(form, group.fields[1])).toEqual({ s: 1, f: gi, sub: 1 });
		expect(locate(form, form.sections[2])).toEqual({ s: 2 });
		expect(locate(form, {})).toBeNull();
		expect(pathOf({ s: 1, f: 2, sub: 0 })).toBe('sections[1].fields[2].fields[0]');
		expect(pathOf({ s: 3 })).toBe('sections[3]');
		expect(ownerOf('sections[1].fields[2].validations[0].valid_if')).toEqual({ s: 1, f: 2, sub: undefined });
		expect(ownerOf('sections[1].fields[2].fields[1].required_if')).toEqual({ s: 1, f: 2, sub: 1 });
		expect(ownerOf('sections[0].visible_if')).toEqual({ s: 0, f: undefined, sub: undefined });
		expect(ownerOf('tests[0]')).toBeNull();
	});

	it('lists the fields a rule may use, with their types; item.* inside a group', () => {
		const form = demoForm();
		const names = ruleFields(form);
		const byName = Object.fromEntries(names.map((f) => [f.name, f.type]));
		expect(byName.birth_date).toBe('date');
		expect(byName.age_years).toBe('number');
		expect(byName.has_children).toBe('bool');
		expect(byName.languages).toBe('rows');
		expect(byName.messenger).toBe('list');
		expect(byName.privacy_info).toBeUndefined(); // info texts have no value
		expect(names.find((f) => f.name === 'german_level').options).toContain('a1');
		expect(names.some((f) => f.name.startsWith('item.'))).toBe(false);
		expect(ruleFields(form, 'languages').filter((f) => f.name.startsWith('item.')).map((f) => f.name)).toEqual(['item.language', 'item.level']);
	});
});

describe('translation coverage', () => {
	it('counts plain strings as every language and lists what is missing', () => {
		expect(hasLanguage('A1', 'ar')).toBe(true);
		expect(hasLanguage({ de: 'Ja', en: ' ' }, 'en')).toBe(false);
		expect(hasLanguage({ '*': 'WhatsApp' }, 'fa')).toBe(true);
		const form = small();
		form.languages = ['de', 'en'];
		form.sections[0].fields[0].label.en = 'First name';
		const c = coverage(formTexts(form), form.languages);
		expect(c.de).toEqual({ total: 6, missing: [] });
		expect(c.en.total).toBe(6);
		expect(c.en.missing).toEqual(['title', 'sections[0].title', 'sections[0].fields[1].label', 'sections[0].fields[2].label', 'sections[0].fields[3].label']);
		expect(percent(c.en)).toBe(16);
		expect(percent({ total: 0, missing: [] })).toBe(100);
	});

	it('finds every text of the demo form translated', () => {
		const form = demoForm();
		const c = coverage(formTexts(form), form.languages);
		for (const lang of form.languages) expect(c[lang].missing, lang).toEqual([]);
		expect(c.ar.total).toBeGreaterThan(100);
	});

	it('wants state labels and participant emails in every language, staff texts in German and English', () => {
		const wf = demoWorkflow();
		const texts = workflowTexts(wf);
		expect(texts.find((t) => t.path === 'states[0].label').langs).toEqual(wf.languages);
		expect(texts.find((t) => t.path === 'transitions[0].label').langs).toEqual(['de', 'en']);
		const notify = texts.find((t) => /transitions\[0\]\.actions\[\d\]\.subject/.test(t.path));
		expect(notify.langs).toEqual(wf.languages); // to: participant
		const c = coverage(texts, wf.languages);
		for (const lang of wf.languages) expect(c[lang].missing, lang).toEqual([]);
		const mine = starterWorkflow('Sprachcafé');
		mine.languages = ['de', 'ar'];
		const m = coverage(workflowTexts(mine), mine.languages);
		expect(m.ar.missing).toEqual(['states[0].label', 'states[1].label', 'states[2].label']);
	});
});

describe('diff against the last version', () => {
	it('compares JSON deeply, ignoring key order', () => {
		expect(same({ a: [1, { b: 2 }], c: 'x' }, { c: 'x', a: [1, { b: 2 }] })).toBe(true);
		expect(same({ a: 1 }, { a: 1, b: undefined })).toBe(true);
		expect(same([1, 2], [2, 1])).toBe(false);
		expect(same({ a: null }, { a: 0 })).toBe(false);
	});

	it('lists everything as added without a published version', () => {
		const d = diffForm(null, small());
		expect(d.filter((c) => c.change === 'added').map((c) => `${c.kind}:${c.key}`)).toEqual([
			'section:person',
			'field:first_name',
			'field:last_name',
			'field:arbeiten_sie',
			'field:arbeitgeber',
		]);
		expect(d.some((c) => c.kind === 'form')).toBe(false);
	});

	it('names added, removed, changed and moved fields by key', () => {
		const old = small();
		const now = structuredClone(old);
		const fields = now.sections[0].fields;
		fields[3].visible_if = 'arbeiten_sie';
		fields[0].label.de = 'Vorname(n)';
		move(fields, 2, 0);
		fields.splice(1, 1); // first_name, now second
		now.sections[0].fields.push(newField('date', 'Geburtsdatum', fieldKeys(now)));
		now.title = { de: 'Sprachcafé Nordhausen' };
		const d = diffForm(old, now);
		const text = d.map((c) => `${c.change} ${c.kind} ${c.key}${c.props ? ' ' + c.props.join(',') : ''}`).sort();
		expect(text).toEqual([
			'added field geburtsdatum',
			'changed field arbeitgeber visible_if',
			'changed form  title',
			'moved field arbeiten_sie',
			'removed field first_name',
		]);
		expect(diffForm(old, structuredClone(old))).toEqual([]);
		expect(changed(old, { ...structuredClone(old), $schema: 'x' })).toBe(false);
		expect(changed(old, now)).toBe(true);
	});

	it('sees a field moved to another section and changes inside repeat groups', () => {
		const old = demoForm();
		const now = demoForm();
		const field = now.sections[0].fields.pop();
		now.sections[1].fields.unshift(field);
		const group = now.sections[1].fields.find((f) => f.key === 'languages');
		group.fields[1].required_if = 'true';
		group.fields.push({ key: 'since', type: 'date', label: { de: 'Seit' } });
		now.tests.pop();
		const d = diffForm(old, now);
		expect(d).toContainEqual({ change: 'moved', kind: 'field', key: field.key, where: now.sections[1].key, from: now.sections[0].key });
		expect(d).toContainEqual({ change: 'changed', kind: 'field', key: 'languages.level', where: undefined, props: ['required_if'] });
		expect(d).toContainEqual({ change: 'added', kind: 'field', key: 'languages.since', where: undefined });
		expect(d.filter((c) => c.kind === 'test').map((c) => c.change)).toEqual(['removed']);
	});

	it('diffs workflows by state, transition and case field', () => {
		const old = demoWorkflow();
		const now = demoWorkflow();
		now.states[1].sla.days = 10;
		now.transitions = now.transitions.filter((t) => t.key !== 'abbrechen');
		now.case_fields.push({ key: 'notiz', type: 'text', label: { de: 'Notiz' } });
		const d = diffWorkflow(old, now).map((c) => `${c.change} ${c.kind} ${c.key}${c.props ? ' ' + c.props : ''}`);
		expect(d).toEqual([`added case_field notiz`, `changed state ${now.states[1].key} sla`, 'removed transition abbrechen']);
		expect(diffWorkflow(null, starterWorkflow('x')).length).toBe(5);
	});
});

describe('workflow edits', () => {
	it('adds states and transitions with unique keys', () => {
		const wf = starterWorkflow('Sprachcafé');
		expect(newState(wf, 'Neu').key).toBe('neu_2');
		const t = newTransition(wf, 'Abbrechen', 'neu', 'abgeschlossen');
		expect(t).toEqual({ key: 'abbrechen', from: ['neu'], to: 'abgeschlossen', label: { de: 'Abbrechen' }, roles: ['counsellor', 'tenant_admin'] });
	});

	it('renames a state everywhere it is named', () => {
		const wf = demoWorkflow();
		renameState(wf, 'vermittelt', 'platziert');
		const json = JSON.stringify(wf);
		expect(json).not.toMatch(/"vermittelt"/);
		expect(wf.transitions.find((t) => t.key === 'vermitteln').to).toBe('platziert');
		expect(json).toMatch(/"while_in":\["platziert","nachbetreuung"\]/);
		renameTransition(wf, 'nachbetreuung_beginnen', 'nachbetreuen');
		expect(JSON.stringify(wf)).toMatch(/"transition":"nachbetreuen"/);
	});

	it('removes a state with the transitions that would point nowhere', () => {
		const wf = starterWorkflow('x');
		newTransition(wf, 'Direkt', 'neu', 'abgeschlossen');
		wf.transitions.push({ key: 'zurueck', from: ['in_arbeit', 'abgeschlossen'], to: 'neu', label: 'Zurück', roles: ['counsellor'] });
		expect(dependents(wf, 'in_arbeit').map((t) => t.key)).toEqual(['beginnen', 'abschliessen']);
		removeState(wf, 'in_arbeit');
		expect(wf.states.map((s) => s.key)).toEqual(['neu', 'abgeschlossen']);
		expect(wf.transitions.map((t) => `${t.key}:${t.from}`)).toEqual(['direkt:neu', 'zurueck:abgeschlossen']);
	});

	it('lists what a guard may read: intake fields, case, participant, role, and step fields in actions', () => {
		const names = guardFields(small(), demoWorkflow()).map((f) => f.name);
		expect(names).toEqual(expect.arrayContaining(['arbeiten_sie', 'case.days_in_state', 'case.work_permit', 'participant.age', 'role']));
		expect(names.some((n) => n.startsWith('step.'))).toBe(false);
		const withStep = guardFields(small(), demoWorkflow(), [{ key: 'employer', type: 'text', label: 'x' }]);
		expect(withStep.at(-1)).toMatchObject({ name: 'step.employer', type: 'text' });
	});
});

describe('diagram layout', () => {
	it('expands "*" and stay transitions into edges', () => {
		const wf = demoWorkflow();
		const edges = edgesOf(wf);
		const cancel = edges.filter((e) => e.key === 'abbrechen');
		const open = wf.states.filter((s) => s.kind !== 'terminal' && s.key !== 'abgebrochen').map((s) => s.key);
		expect(cancel.map((e) => e.from)).toEqual(open);
		const stay = edges.filter((e) => e.key === 'arbeitserlaubnis_erfassen');
		expect(stay.every((e) => e.stay && e.from === e.to)).toBe(true);
		const drawn = layout(wf).edges;
		expect(drawn.filter((e) => e.key === 'abbrechen' && e.showLabel)).toHaveLength(1); // labelled once
		expect(drawn.some((e) => e.stay && e.showLabel)).toBe(false); // loops only in the list
	});

	it('puts states in layers by distance from the start; unreachable ones at the bottom', () => {
		const wf = starterWorkflow('x');
		newState(wf, 'Insel');
		const l = layers(wf);
		expect([...l.entries()]).toEqual([
			['neu', 0],
			['in_arbeit', 1],
			['abgeschlossen', 2],
			['insel', 3],
		]);
	});

	it('places three states in three rows without overlap, arrows between boxes', () => {
		const wf = starterWorkflow('x');
		const g = layout(wf, (s) => s.label.de);
		expect(g.nodes.map((n) => [n.key, n.label, n.layer])).toEqual([
			['neu', 'Neu', 0],
			['in_arbeit', 'In Arbeit', 1],
			['abgeschlossen', 'Abgeschlossen', 2],
		]);
		expect(g.nodes[1].y - g.nodes[0].y).toBeGreaterThanOrEqual(NODE_H);
		expect(g.edges).toHaveLength(2);
		expect(g.edges[0].d).toMatch(/^M [\d.]+ [\d.]+ C /);
		expect(g.edges[0].back).toBe(false);
		for (const n of g.nodes) {
			expect(n.x + n.w).toBeLessThanOrEqual(g.width);
			expect(n.y + n.h).toBeLessThanOrEqual(g.height);
		}
	});

	it('lays out the demo workflow: boxes never overlap, back edges marked, everything inside', () => {
		const wf = demoWorkflow();
		const g = layout(wf);
		expect(g.nodes).toHaveLength(wf.states.length);
		for (const a of g.nodes) {
			for (const b of g.nodes) {
				if (a === b) continue;
				const apart = a.x + NODE_W <= b.x || b.x + NODE_W <= a.x || a.y + NODE_H <= b.y || b.y + NODE_H <= a.y;
				expect(apart, `${a.key} / ${b.key}`).toBe(true);
			}
		}
		expect(g.edges.some((e) => e.back)).toBe(true); // vermittlung_beendet goes back up
		for (const e of g.edges) expect(e.lx, e.key).toBeLessThanOrEqual(g.width);
	});

	it('copes with an empty workflow', () => {
		expect(layout({ states: [], transitions: [] })).toMatchObject({ nodes: [], edges: [] });
		expect(layout(null).nodes).toEqual([]);
	});
});

describe('diagnostics', () => {
	const diags = [
		{ path: 'sections[0].fields[3].visible_if', code: 'rule_unknown_name', message: 'unknown name tru', severity: 'error', line: 1, column: 17, from: 16, to: 19 },
		{ path: 'sections[0].fields[3].label', code: 'translation_missing', message: 'en', severity: 'warning', line: 0, column: 0, from: 0, to: 0 },
		{ path: 'sections[0].fields[3].fields[0].label', code: 'text_missing', message: 'de', severity: 'error', line: 0, column: 0, from: 0, to: 0 },
	];

	it('picks the diagnostics of a rule, an element and below a path', () => {
		expect(at(diags, 'sections[0].fields[3].visible_if')).toHaveLength(1);
		expect(ofElement(diags, { s: 0, f: 3 })).toHaveLength(2);
		expect(under(diags, 'sections[0].fields[3]')).toHaveLength(3);
		expect(under(diags, 'sections[0].fields[1]')).toHaveLength(0);
		expect(counts(diags)).toEqual({ errors: 2, warnings: 1 });
	});

	it('cuts a rule into pieces to underline at UTF-16 offsets', () => {
		const src = 'arbeiten_sie == tru';
		expect(segments(src, [diags[0]])).toEqual([
			{ text: 'arbeiten_sie == ', diag: null },
			{ text: 'tru', diag: diags[0] },
		]);
		const emoji = '"😀" == x';
		const d = { ...diags[0], from: 8, to: 9 };
		expect(segments(emoji, [d]).map((s) => s.text)).toEqual(['"😀" == ', 'x']);
		expect(segments('a ==', [{ ...diags[0], from: 4, to: 4 }])).toEqual([
			{ text: 'a ==', diag: null },
			{ text: ' ', diag: expect.objectContaining({ from: 4 }) },
		]);
		expect(segments('abc', [{ ...diags[0], from: 1, to: 99 }]).map((s) => s.text)).toEqual(['a', 'bc']);
		expect(segments('abc', [diags[1]])).toEqual([{ text: 'abc', diag: null }]);
		expect(segments('', [])).toEqual([]);
	});
});

describe('export and import', () => {
	it('writes a form with its schema and reads it back', () => {
		const form = small();
		const text = exportForm(form);
		expect(JSON.parse(text).$schema).toMatch(/form-definition\.schema\.json$/);
		expect(parseImport(text)).toEqual({ kind: 'form', form });
		const wf = starterWorkflow('x');
		expect(parseImport(exportWorkflow(wf))).toEqual({ kind: 'workflow', workflow: wf });
	});

	it('carries an offer with its settings, never its Träger or versions', () => {
		const offer = { id: 'abc', tenant: 't1', slug: 'sprachcafe', title: { de: 'Sprachcafé' }, category: 'social', capacity: 12, public: true, form_version: 'v1' };
		const got = parseImport(exportOffer(offer, small(), starterWorkflow('x')));
		expect(got.kind).toBe('offer');
		expect(got.offer).toEqual({ slug: 'sprachcafe', title: { de: 'Sprachcafé' }, category: 'social', capacity: 12, public: true });
		expect(got.form.sections).toHaveLength(1);
		expect(got.workflow.states).toHaveLength(3);
		expect(fileName('sprachcafe', 'angebot')).toBe('sprachcafe-angebot.json');
		expect(fileName('', 'formular')).toBe('angebot-formular.json');
	});

	it('says what is wrong with a file', () => {
		const code = (text) => {
			try {
				parseImport(text);
			} catch (err) {
				expect(err).toBeInstanceOf(ImportError);
				return err.code;
			}
		};
		expect(code('{nope')).toBe('import_json');
		expect(code('[1,2]')).toBe('import_unknown');
		expect(code('{"title": "x"}')).toBe('import_unknown');
	});
});
