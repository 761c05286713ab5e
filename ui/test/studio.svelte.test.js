// @vitest-environment happy-dom
// The studio's editors as components: the rule editor underlines the
// server's diagnostics and inserts names; the outline moves fields by
// keyboard; the diagram draws what the layout computes; every studio text
// the sources name (also by a computed key) exists in German.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import de from '../src/i18n/de.json';
import staff from '../src/i18n/staff/de.json';
import studio from '../src/i18n/staff/studio.de.json';
import { flatten } from '../src/lib/i18n.js';
import { setLanguage, useCatalogs } from '../src/lib/locale.svelte.js';
import RuleEditor from '../src/studio/RuleEditor.svelte';
import Outline from '../src/studio/Outline.svelte';
import Diagram from '../src/studio/Diagram.svelte';
import TextInput from '../src/studio/TextInput.svelte';
import { FIELD_TYPES, fieldKeys, newField, starterForm } from '../src/studio/model/definition.js';
import { ACTION_TYPES, CASE_FIELD_TYPES, ROLES, STATE_KINDS, starterWorkflow } from '../src/studio/model/workflow.js';

const here = dirname(fileURLToPath(import.meta.url));

let app;
beforeAll(async () => {
	useCatalogs(['de'], { './de.json': async () => de }, { './staff/de.json': async () => staff }, { de: async () => studio });
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

describe('RuleEditor', () => {
	const diag = { path: 'p', code: 'rule_unknown_name', message: 'unknown name tru', severity: 'error', line: 1, column: 21, from: 20, to: 23 };

	it('underlines the diagnostic at its offsets and says where it is', () => {
		const el = render(RuleEditor, { value: 'haben_sie_arbeit == tru', label: 'Sichtbar, wenn', id: 'r', diags: [diag], onchange: () => {} });
		expect(el.querySelector('mark.error').textContent).toBe('tru');
		expect(el.querySelector('.rule-layer').textContent).toBe('haben_sie_arbeit == tru\n');
		const area = el.querySelector('textarea');
		expect(area.getAttribute('aria-invalid')).toBe('true');
		expect(area.getAttribute('aria-describedby')).toBe('r-diags');
		const msg = el.querySelector('#r-diags li').textContent;
		expect(msg).toContain('Zeile 1, Spalte 21');
		expect(msg).toContain('Unbekannter Name');
		expect(el.querySelector('label').getAttribute('for')).toBe('r');
	});

	it('lists the fields a rule may use and inserts one at the cursor', () => {
		let got = null;
		const fields = [
			{ name: 'haben_sie_arbeit', type: 'bool' },
			{ name: 'niveau', type: 'text', options: ['a1', 'b1'] },
		];
		const el = render(RuleEditor, { value: ' == true', label: 'x', id: 'r', fields, onchange: (v) => (got = v) });
		const items = [...el.querySelectorAll('[data-testid="rule-fields-r"] li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim());
		expect(items).toEqual(['haben_sie_arbeit Ja/Nein', 'niveau Text: "a1", "b1"']);
		const area = el.querySelector('textarea');
		area.setSelectionRange(0, 0);
		el.querySelector('[data-testid="rule-fields-r"] button').click();
		expect(got).toBe('haben_sie_arbeit == true');
	});
});

describe('TextInput', () => {
	it('shows German first and counts the missing translations', () => {
		const el = render(TextInput, { value: { de: 'Vorname', en: 'First name' }, languages: ['de', 'en', 'ar'], label: 'Frage', id: 't', onchange: () => {} });
		expect(el.querySelector('#t-de').value).toBe('Vorname');
		expect(el.querySelector('#t-ar').getAttribute('dir')).toBe('rtl');
		expect(el.querySelector('.translations summary').textContent).toContain('1 fehlen');
	});

	it('keeps a required text with an empty German entry', () => {
		let got;
		const el = render(TextInput, { value: { de: 'A' }, languages: ['de'], label: 'Frage', id: 't', required: true, onchange: (v) => (got = v) });
		const input = el.querySelector('#t-de');
		input.value = '';
		input.dispatchEvent(new Event('input', { bubbles: true }));
		expect(got).toEqual({ de: '' });
	});
});

describe('Outline', () => {
	it('moves a field by keyboard, past the end of its section into the next', () => {
		const form = $state(starterForm('Kurs'));
		form.sections.push({ key: 'zwei', title: { de: 'Zwei' }, fields: [newField('text', 'Ort', fieldKeys(form))] });
		const el = render(Outline, { form, selected: form.sections[0].fields[0], onadd() {}, onremove() {}, onaddsection() {}, onaddsub() {} });
		const order = () => [...el.querySelectorAll('[data-testid^="outline-field-"]')].map((e) => e.dataset.testid.slice(14)).join(' ');
		expect(order()).toBe('first_name last_name ort');
		expect(el.querySelector('[data-testid="up-first_name"]').disabled).toBe(true);
		expect(el.querySelector('[data-testid="up-last_name"]')).toBeNull(); // the tools are the selected field's
		el.querySelector('[data-testid="down-first_name"]').click();
		flushSync();
		expect(order()).toBe('last_name first_name ort');
		el.querySelector('[data-testid="down-first_name"]').click();
		flushSync();
		expect(form.sections[1].fields.map((f) => f.key)).toEqual(['first_name', 'ort']);
		expect(el.querySelector('[role="status"]').textContent).toContain('„Vorname“ ist jetzt an Stelle 1 in „Zwei“');
	});
});

describe('Diagram', () => {
	it('draws a box per state and an arrow per transition, labelled', () => {
		const el = render(Diagram, { workflow: starterWorkflow('Kurs') });
		const fig = el.querySelector('[data-testid="diagram"]');
		expect([fig.dataset.states, fig.dataset.edges]).toEqual(['3', '2']);
		expect(el.querySelector('[data-testid="diagram-node-neu"] text').textContent).toContain('Neu');
		expect(el.querySelector('[data-testid="diagram-node-abgeschlossen"] rect.inner')).not.toBeNull();
		expect(el.querySelector('svg').getAttribute('aria-labelledby')).toBe('diagram-title diagram-desc');
		expect(el.querySelector('desc').textContent).toBe('3 Status, 2 Übergänge');
		expect([...el.querySelectorAll('.diagram-list li')].map((li) => li.textContent)).toEqual(['Neu → In Arbeit: Beginnen', 'In Arbeit → Abgeschlossen: Abschließen']);
	});
});

describe('studio texts', () => {
	const keys = new Set(Object.keys(flatten(studio)));
	const participant = new Set(Object.keys(flatten(de)));

	it('keeps the studio catalog apart from the others', () => {
		expect(Object.keys(flatten(studio)).every((k) => k.startsWith('studio.'))).toBe(true);
		expect([...keys].filter((k) => participant.has(k) || k in flatten(staff))).toEqual([]);
		for (const [k, v] of Object.entries(flatten(studio))) expect(String(v).trim(), k).not.toBe('');
	});

	it('has a German text for every computed key', () => {
		const want = [
			...FIELD_TYPES.map((x) => `studio.type.${x}`),
			...STATE_KINDS.map((x) => `studio.kind.${x}`),
			...ROLES.map((x) => `studio.role.${x}`),
			...ACTION_TYPES.map((x) => `studio.action.${x}`),
			...CASE_FIELD_TYPES.map((x) => `studio.case_field.type_${x}`),
			...['draft', 'active', 'archived'].map((x) => `studio.status.${x}`),
			...['form', 'workflow', 'translations', 'tests', 'publish', 'settings', 'cases', 'file'].map((x) => `studio.tab.${x}`),
			...['saved', 'pending', 'saving', 'failed'].map((x) => `studio.save.${x}`),
			...['text', 'number', 'date', 'bool', 'list', 'rows'].map((x) => `studio.rule.type_${x}`),
			...['added', 'removed', 'changed', 'moved'].map((x) => `studio.change.${x}`),
			...['form', 'workflow', 'section', 'field', 'test', 'state', 'transition', 'case_field'].map((x) => `studio.change.kind_${x}`),
			...['none', 'draft', 'published'].map((x) => `studio.workflow.intake_${x}`),
			...['import_json', 'import_unknown', 'import_not_offer', 'imported_form', 'imported_workflow', 'imported_offer'].map((x) => `studio.file.${x}`),
		];
		expect(want.filter((k) => !keys.has(k))).toEqual([]);
	});

	it('explains every diagnostic code of the form and workflow languages in German', () => {
		const docs = ['form-language.md', 'workflow-language.md'].map((f) => readFileSync(join(here, '../../docs', f), 'utf8'));
		const codes = new Set();
		for (const doc of docs) {
			const start = doc.indexOf('## Diagnostics');
			const end = doc.indexOf('\n## ', start + 1);
			const table = doc.slice(start, end < 0 ? undefined : end);
			for (const m of table.matchAll(/^\| (`[a-z_]+`(?:, `[a-z_]+`)*) \|/gm)) for (const c of m[1].matchAll(/`([a-z_]+)`/g)) codes.add(c[1]);
		}
		expect(codes.size).toBeGreaterThan(50);
		const skip = new Set(['rule_reserved_name', 'migration_unmapped', 'migration_state_unknown', 'migration_to_terminal', 'migration_closed']);
		expect([...codes].filter((c) => !skip.has(c) && !keys.has(`studio.diag.${c}`))).toEqual([]);
	});

	it('uses only keys that exist (t, lookup and computed ones checked above)', () => {
		const src = join(here, '../src/studio');
		const used = new Set();
		for (const f of readdirSync(src, { recursive: true })) {
			if (!/\.(js|svelte)$/.test(f)) continue;
			for (const m of readFileSync(join(src, f), 'utf8').matchAll(/\bt\(\s*'(studio\.[a-z_.]+)'/g)) used.add(m[1]);
		}
		expect(used.size).toBeGreaterThan(200);
		expect([...used].filter((k) => !keys.has(k))).toEqual([]);
	});
});
