// @vitest-environment happy-dom
// The studio's editors as components: the rule editor underlines the
// server's diagnostics and inserts names; the outline moves fields by
// keyboard; the diagram draws what the layout computes (and a simulated
// path); the simulation's scenario form and trace; every studio text the
// sources name (also by a computed key) exists in German.
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
import SimTrace from '../src/studio/SimTrace.svelte';
import Simulation from '../src/studio/Simulation.svelte';
import { FIELD_TYPES, fieldKeys, newField, starterForm } from '../src/studio/model/definition.js';
import { ACTION_TYPES, CASE_FIELD_TYPES, ROLES, STATE_KINDS, starterWorkflow } from '../src/studio/model/workflow.js';
import { buildScenario, newScenario, readTrace, takeStep, waitStep } from '../src/studio/model/simulation.js';
import { textOf } from '../src/studio/text.js';
import { TRACES } from './studio.traces.js';

const here = dirname(fileURLToPath(import.meta.url));
const demo = (file) => JSON.parse(readFileSync(join(here, '../../demo/content', file), 'utf8'));
const demoForm = () => demo('intake-form.json');
const demoWorkflow = () => demo('integrationsbegleitung-workflow.json');
const text = (el) => (el?.textContent || '').replace(/\s+/g, ' ').trim();

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

function storyA() {
	const m = newScenario();
	m.answers = { work_permit: 'yes' };
	m.steps = [
		waitStep(20),
		{ ...takeStep('termin_vereinbaren'), step: { meeting_date: '2026-01-27' } },
		takeStep('erstgespraech_gefuehrt'),
		{ ...takeStep('profiling_abgeschlossen'), step: { work_permit: 'applied' } },
		takeStep('vermitteln'),
	];
	return buildScenario(m, demoWorkflow()).scenario;
}

describe('SimTrace', () => {
	it('shows each step: the SLA fired while waiting, the moves, the placement refused with its reason', () => {
		const wf = demoWorkflow();
		const el = render(SimTrace, { view: readTrace(TRACES.A, wf, storyA(), textOf) });
		const steps = [...el.querySelectorAll('[data-testid="trace-step"]')];
		expect(steps.map((s) => `${s.dataset.kind}:${s.dataset.result}`)).toEqual(['start:ok', 'wait:ok', 'take:ok', 'take:ok', 'take:ok', 'take:refused']);
		expect(text(steps[0].querySelector('h5'))).toMatch(/^Fall eröffnet Tag 0 · 05\.01\.2026, 09:00$/);
		expect(text(steps[0])).toContain('Beginnt im Status „Angemeldet“.');
		expect(text(steps[0])).toContain('„Erstkontakt aufnehmen“ – fällig 19.01.2026 – für die zuständige Begleitung');
		expect(text(steps[1].querySelector('h5'))).toContain('20 Tage vergehen (bis 25.01.2026)');
		expect(text(steps[1].querySelector('[data-testid="sim-fired"] li'))).toContain('Frist im Status „Angemeldet“ – ausgelöst, fällig 19.01.2026, 09:00');
		expect(text(steps[2].querySelector('h5'))).toContain('„Termin für Erstgespräch vereinbart“ als Integrationsbegleiter/in');
		expect(text(steps[2].querySelector('[data-testid="sim-move"]'))).toBe('Angemeldet → Erstgespräch');
		expect(text(steps[2])).toContain('Termin Erstgespräch = 27.01.2026');
		expect(text(steps[2].querySelector('[data-testid="sim-notifications"]'))).toBe('an die teilnehmende Person (Arabisch): „موعد مقابلتك الأولى“ – deutsch: „Ihr Termin für das Erstgespräch“');
		const refused = steps[5];
		expect(text(refused.querySelector('[data-testid="sim-error"]'))).toMatch(/^Abgelehnt: Die Bedingung ist nicht erfüllt: „Eine Vermittlung ist erst möglich, wenn eine gültige Arbeitserlaubnis geprüft und erfasst ist/);
		expect(refused.querySelector('[data-option="vermitteln"]').dataset.allowed).toBe('false');
		expect(text(refused.querySelector('[data-option="massnahme_beginnen"]'))).toMatch(/^erlaubt Maßnahme beginnt → In Maßnahme$/);
		expect(text(el.querySelector('[data-testid="sim-summary"]'))).toBe('Der Fall steht am Ende im Status „Förderplan“ (nach 20 Tagen). Abgelehnte Schritte: 1.');
	});

	it('shows an automatic transition, a wrong state and missing step answers', () => {
		const scenario = { steps: [{ take: 'termin_vereinbaren' }, { take: 'vermitteln', role: 'tenant_admin' }, { wait_days: 20 }, { take: 'abschliessen' }, { take: 'vermittlung_beendet' }] };
		const el = render(SimTrace, { view: readTrace(TRACES.B, demoWorkflow(), scenario, textOf), stale: true });
		expect(el.querySelector('[data-testid="sim-stale"]')).not.toBeNull();
		const steps = [...el.querySelectorAll('[data-testid="trace-step"]')];
		expect(text(steps[0].querySelector('[data-testid="sim-error"]'))).toContain('Der Übergang beginnt nicht im Status „Förderplan“.');
		expect(text(steps[1].querySelector('h5'))).toContain('als Träger-Admin');
		const fired = steps[2].querySelector('[data-testid="sim-fired"] li');
		expect(fired.dataset.kind).toBe('transition');
		expect(text(fired)).toContain('Automatischer Übergang „Nachbetreuung beginnen“:');
		expect(text(fired.querySelector('[data-testid="sim-move"]'))).toBe('Vermittelt → Nachbetreuung');
		expect(text(steps[4].querySelector('[data-testid="sim-error"]'))).toMatch(/Schrittformular sind ungültig: .*Was ist passiert\?: /);
	});
});

describe('Diagram with a simulated path', () => {
	it('marks the states visited, the arrows taken and the arrow refused, and says so in words', () => {
		const wf = demoWorkflow();
		const { path } = readTrace(TRACES.A, wf, storyA(), textOf);
		const el = render(Diagram, { workflow: wf, highlight: path });
		const node = (k) => el.querySelector(`[data-testid="diagram-node-${k}"]`);
		expect(['angemeldet', 'erstgespraech', 'profiling', 'foerderplan'].map((k) => node(k).dataset.visited)).toEqual(['true', 'true', 'true', 'true']);
		expect(node('vermittelt').dataset.visited).toBe('false');
		expect(node('foerderplan').classList.contains('end')).toBe(true);
		expect(el.querySelector('[data-testid="diagram-edge-termin_vereinbaren"]').dataset.taken).toBe('1');
		const placement = el.querySelector('[data-testid="diagram-edge-vermitteln"][data-from="foerderplan"]');
		expect([placement.dataset.refused, placement.dataset.taken]).toEqual(['true', '0']);
		expect([...el.querySelectorAll('.edge.refused')]).toEqual([placement]);
		expect([...el.querySelectorAll('.edge.taken')].map((e) => e.dataset.testid.slice(13))).toEqual(['termin_vereinbaren', 'erstgespraech_gefuehrt', 'profiling_abgeschlossen']);
		expect(el.querySelector('.diagram').classList.contains('highlighted')).toBe(true);
		expect(el.querySelector('desc').textContent).toContain('Weg der Simulation: Angemeldet → Erstgespräch → Profiling → Förderplan');
		expect([...el.querySelectorAll('.diagram-list li')].map((li) => li.textContent).filter((s) => s.includes('Simulation'))).toEqual([
			'Angemeldet → Erstgespräch: Termin für Erstgespräch vereinbart – in der Simulation 1-mal genommen',
			'Erstgespräch → Profiling: Erstgespräch geführt – in der Simulation 1-mal genommen',
			'Profiling → Förderplan: Profiling abgeschlossen – in der Simulation 1-mal genommen',
			'Förderplan → Vermittelt: Vermittelt (Arbeit, Ausbildung oder Praktikum) – in der Simulation abgelehnt',
		]);
	});

	it('draws no highlight without a path', () => {
		const el = render(Diagram, { workflow: demoWorkflow() });
		expect(el.querySelector('.diagram.highlighted')).toBeNull();
		expect(el.querySelector('[data-visited]')).toBeNull();
	});
});

describe('Simulation', () => {
	const change = (el, value) => {
		el.value = value;
		el.dispatchEvent(new Event('input', { bubbles: true }));
		el.dispatchEvent(new Event('change', { bubbles: true }));
		flushSync();
	};

	it('builds steps by hand: a step without a transition blocks the run; the chosen one brings its step form', () => {
		const el = render(Simulation, { workflow: demoWorkflow(), form: demoForm(), offer: { id: 'o1' } });
		const run = el.querySelector('[data-testid="sim-run"]');
		expect(run.disabled).toBe(false); // no steps: the case is only opened
		el.querySelector('[data-testid="sim-add-take"]').click();
		flushSync();
		expect(run.disabled).toBe(true);
		expect(text(el.querySelector('[data-testid="sim-step-0"] .diags'))).toBe('Wählen Sie einen Übergang.');
		change(el.querySelector('[data-testid="sim-step-0-take"]'), 'profiling_abgeschlossen');
		expect(run.disabled).toBe(false);
		expect(text(el.querySelector('#sim-step-0-take-help'))).toBe('Profiling → Förderplan');
		const permit = el.querySelector('[data-testid="sim-step-0-f-work_permit"]');
		expect([...permit.options].map((o) => o.value)).toEqual(['', 'yes', 'applied', 'no']);
		el.querySelector('[data-testid="sim-add-wait"]').click();
		flushSync();
		change(el.querySelector('[data-testid="sim-step-1-days"]'), '0');
		expect(run.disabled).toBe(true);
		expect(text(el.querySelector('[data-testid="sim-step-1"] .diags'))).toBe('Eine ganze Zahl von 1 bis 3650 Tagen.');
		el.querySelector('[data-testid="sim-step-1-remove"]').click();
		flushSync();
		expect(run.disabled).toBe(false);
	});

	it('picks intake answers from the form and shows them as JSON; pasted JSON counts too', () => {
		const el = render(Simulation, { workflow: demoWorkflow(), form: demoForm(), offer: { id: 'o2' } });
		change(el.querySelector('[data-testid="sim-add-field"]'), 'german_level');
		el.querySelector('[data-testid="sim-add-answer"]').click();
		flushSync();
		change(el.querySelector('[data-testid="sim-answer-german_level"]'), 'a1');
		const json = el.querySelector('[data-testid="sim-answers-json"]');
		expect(JSON.parse(json.value)).toEqual({ german_level: 'a1' });
		json.dispatchEvent(new Event('focus'));
		change(json, '{"german_level": "b2", "residence_status": "recognised_refugee"}');
		expect(el.querySelector('[data-testid="sim-answer-german_level"]').value).toBe('b2');
		expect(el.querySelector('[data-testid="sim-answer-residence_status"]').value).toBe('recognised_refugee');
		change(json, '{"german_level": ');
		expect(text(el.querySelector('.sim-json [role="alert"]'))).toContain('kein gültiges JSON-Objekt');
		expect(el.querySelector('[data-testid="sim-answer-german_level"]').value).toBe('b2'); // the last valid one holds
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
			...['take_missing', 'transition_unknown', 'days_invalid', 'too_many', 'age_invalid', 'day_invalid', 'state_unknown'].map((x) => `studio.sim.problem.${x}`),
			...['fired', 'skipped', 'void', 'waiting'].map((x) => `studio.sim.fire.${x}`),
			...['sla', 'reminder', 'transition'].map((x) => `studio.sim.timer.${x}`),
			// the engine's refusal codes (workflows/errors.go)
			...['transition_unknown', 'wrong_state', 'role_not_allowed', 'automatic_only', 'guard_false', 'guard_failed', 'step_invalid', 'action_failed'].map((x) => `studio.sim.reason.${x}`),
			...['case_assignee', 'actor', 'unassigned'].map((x) => `studio.sim.assign.${x}`),
			...['assignee', 'participant'].map((x) => `studio.sim.to.${x}`),
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
		const skip = new Set(['rule_reserved_name']);
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
