// The workflow simulation's pure logic (model/simulation.js): the scenario
// built from the admin's sample case and steps, and the engine's trace read
// into steps, outcomes, refusals and the path through the diagram; and the
// migration of open cases (model/migration.js). The traces (studio.traces.js)
// are the engine's own answers for the demo workflow.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
	berlinDay,
	berlinMorning,
	berlinOffset,
	birthDateForAge,
	buildScenario,
	cleanAnswers,
	daysBetween,
	newScenario,
	pathOf,
	pickableFields,
	readTrace,
	sampleValue,
	takeStep,
	waitStep,
} from '../src/studio/model/simulation.js';
import { TRACES } from './studio.traces.js';
import { defaultMapping, diagsByState, mappingBody, mappingRows, movableStates, openTotal } from '../src/studio/model/migration.js';

const demoForm = () => JSON.parse(readFileSync(new URL('../../demo/content/intake-form.json', import.meta.url), 'utf8'));
const demoWorkflow = () => JSON.parse(readFileSync(new URL('../../demo/content/integrationsbegleitung-workflow.json', import.meta.url), 'utf8'));

/** The browser test's story: 20 days pass (the SLA of "angemeldet" fires), three transitions, a placement refused by its guard. */
const storyA = () => {
	const m = newScenario();
	m.answers = { work_permit: 'yes' };
	m.age = '34';
	m.language = 'ar';
	m.steps = [
		waitStep(20),
		{ ...takeStep('termin_vereinbaren'), step: { meeting_date: '2026-01-27' } },
		takeStep('erstgespraech_gefuehrt'),
		{ ...takeStep('profiling_abgeschlossen'), step: { work_permit: 'applied', work_permit_until: '' } },
		takeStep('vermitteln'),
	];
	return m;
};
const TRACE_A = TRACES.A;

/** Started in "foerderplan" with a checked permit: a wrong step, a placement, 20 days (the automatic follow-up), two refusals. */
const TRACE_B = TRACES.B;
const SCENARIO_B = {
	steps: [
		{ take: 'termin_vereinbaren', role: 'counsellor' },
		{ take: 'vermitteln', role: 'tenant_admin', step: { placement_type: 'work', employer: 'Bäckerei Kunze', start_date: '2026-01-12' } },
		{ wait_days: 20 },
		{ take: 'abschliessen', role: 'counsellor' },
		{ take: 'vermittlung_beendet', role: 'counsellor' },
	],
};

describe('the sample case as the route wants it', () => {
	it('starts a case with the sample person, reproducibly, when nothing is chosen', () => {
		const { scenario, problems } = buildScenario(newScenario(), demoWorkflow());
		expect(problems).toEqual([]);
		expect(scenario).toEqual({
			case: { reference: 'SIM-1', participant: { first_name: 'Alex', last_name: 'Beispiel', preferred_language: 'de' } },
			steps: [],
		});
	});

	it('builds the browser test story: typed answers, the age as a birth date, steps with their step answers', () => {
		const { scenario, problems } = buildScenario(storyA(), demoWorkflow());
		expect(problems).toEqual([]);
		expect(scenario.case).toEqual({
			reference: 'SIM-1',
			participant: { first_name: 'Alex', last_name: 'Beispiel', preferred_language: 'ar', birth_date: '1992-01-05' },
			answers: { work_permit: 'yes' },
		});
		expect(scenario.steps).toEqual([
			{ wait_days: 20 },
			{ take: 'termin_vereinbaren', role: 'counsellor', step: { meeting_date: '2026-01-27' } },
			{ take: 'erstgespraech_gefuehrt', role: 'counsellor' },
			{ take: 'profiling_abgeschlossen', role: 'counsellor', step: { work_permit: 'applied' } },
			{ take: 'vermitteln', role: 'counsellor' },
		]);
	});

	it('drops step answers the transition does not ask for, trims the comment, keeps the role', () => {
		const m = newScenario();
		m.steps = [{ ...takeStep('abschliessen'), role: 'tenant_admin', step: { summary: 'gut', meeting_date: '2026-01-27' }, comment: '  fertig  ' }];
		expect(buildScenario(m, demoWorkflow()).scenario.steps).toEqual([{ take: 'abschliessen', role: 'tenant_admin', step: { summary: 'gut' }, comment: 'fertig' }]);
	});

	it('starts elsewhere: the state just entered at the start day, with case fields', () => {
		const m = newScenario();
		m.state = 'foerderplan';
		m.day = '2026-07-01';
		m.fields = { work_permit: 'yes', work_permit_until: '' };
		const { scenario, problems } = buildScenario(m, demoWorkflow());
		expect(problems).toEqual([]);
		expect(scenario.case).toMatchObject({
			now: '2026-07-01T09:00:00+02:00',
			state: 'foerderplan',
			entry: 0,
			state_entered: '2026-07-01T09:00:00+02:00',
			opened: '2026-07-01T09:00:00+02:00',
			fields: { work_permit: 'yes' },
		});
		m.day = '';
		expect(buildScenario(m, demoWorkflow()).scenario.case.state_entered).toBe('2026-01-05T09:00:00+01:00');
	});

	it('says what keeps a scenario from being sent', () => {
		const m = newScenario();
		m.age = '12.5';
		m.state = 'gibt_es_nicht';
		m.day = '05.01.2026';
		m.steps = [takeStep(), takeStep('weg'), waitStep(0), waitStep(3651), waitStep('1.5'), waitStep(3650)];
		const codes = buildScenario(m, demoWorkflow()).problems.map((p) => `${p.step ?? '-'}:${p.code}`);
		expect(codes).toEqual(['-:day_invalid', '-:age_invalid', '-:state_unknown', '0:take_missing', '1:transition_unknown', '2:days_invalid', '3:days_invalid', '4:days_invalid']);
		m.age = '';
		m.state = '';
		m.day = '';
		m.steps = Array.from({ length: 201 }, () => waitStep(1));
		expect(buildScenario(m, demoWorkflow()).problems).toEqual([{ step: null, code: 'too_many' }]);
	});

	it('types sample answers as their field does', () => {
		expect(sampleValue({ type: 'number' }, '3,5')).toBe(3.5);
		expect(sampleValue({ type: 'integer' }, '')).toBeUndefined();
		expect(sampleValue({ type: 'integer' }, 'x')).toBeUndefined();
		expect(sampleValue({ type: 'boolean' }, 'true')).toBe(true);
		expect(sampleValue({ type: 'boolean' }, 'false')).toBe(false);
		expect(sampleValue({ type: 'boolean' }, '')).toBeUndefined();
		expect(sampleValue({ type: 'multichoice' }, [])).toBeUndefined();
		expect(sampleValue({ type: 'multichoice' }, ['car', ''])).toEqual(['car']);
		expect(sampleValue({ type: 'choice' }, '')).toBeUndefined();
		expect(sampleValue({ type: 'date' }, '2026-01-27')).toBe('2026-01-27');
		expect(cleanAnswers({ a: '', b: [], c: 0, d: false, e: null, f: 'x' })).toEqual({ c: 0, d: false, f: 'x' });
	});

	it('offers the intake fields an answer can be picked for', () => {
		const keys = pickableFields(demoForm()).map((f) => f.key);
		expect(keys).toContain('work_permit');
		expect(keys).toContain('german_level');
		expect(keys).toContain('mobility');
		for (const not of ['privacy_info', 'data_processing_consent', 'age_years', 'languages', 'qualification_documents']) expect(keys).not.toContain(not);
	});

	it('knows Berlin time: the offset by season, days between, the age as a birth date', () => {
		expect(berlinOffset('2026-01-05')).toBe('+01:00');
		expect(berlinOffset('2026-03-29')).toBe('+02:00'); // the day summer time begins
		expect(berlinOffset('2026-10-25')).toBe('+01:00'); // and ends
		expect(berlinMorning('2026-08-01')).toBe('2026-08-01T09:00:00+02:00');
		expect(berlinDay('2026-01-24T23:30:00Z')).toBe('2026-01-25');
		expect(daysBetween('2026-01-05', '2026-03-06')).toBe(60);
		expect(birthDateForAge(34)).toBe('1992-01-05');
		expect(birthDateForAge(30, '2028-02-29')).toBe('1998-02-28');
	});
});

describe('reading the trace', () => {
	const wf = demoWorkflow();
	const de = (x) => (typeof x === 'string' ? x : x?.de || '');

	it('reads the browser test story step by step', () => {
		const { scenario } = buildScenario(storyA(), wf);
		const v = readTrace(TRACE_A, wf, scenario, de);
		expect(v.steps.map((s) => `${s.kind} ${s.state || '∅'}→${s.after} ${s.error?.code || ''}`.trim())).toEqual([
			'start ∅→angemeldet',
			'wait angemeldet→angemeldet',
			'take angemeldet→erstgespraech',
			'take erstgespraech→profiling',
			'take profiling→foerderplan',
			'take foerderplan→foerderplan guard_false',
		]);
		const [start, wait, termin, , profiling, placement] = v.steps;
		expect(start.outcome).toMatchObject({ from: '', to: 'angemeldet', toLabel: 'Angemeldet', stay: false });
		expect(start.outcome.set).toEqual([
			{ key: 'work_permit', label: 'Arbeitserlaubnis', value: 'reported', text: 'laut Anmeldung vorhanden (nicht geprüft)', type: 'choice' },
			{ key: 'work_permit_until', label: 'Arbeitserlaubnis gültig bis', value: '', text: '', type: 'date' },
		]);
		expect(start.outcome.tasks).toEqual([{ title: 'Erstkontakt aufnehmen', due: '2026-01-19', assign: 'case_assignee' }]);
		expect(start.outcome.timers).toEqual([{ key: 'sla', kind: 'sla', state: 'angemeldet', stateLabel: 'Angemeldet', due: '2026-01-19T09:00:00+01:00' }]);
		// The wait: 20 days, the SLA of "angemeldet" fires with its task and email.
		expect([wait.waitDays, wait.day, wait.until]).toEqual([20, 0, '2026-01-25T09:00:00+01:00']);
		expect(wait.fired).toHaveLength(1);
		expect(wait.fired[0]).toMatchObject({ kind: 'sla', result: 'fired', stateLabel: 'Angemeldet', outcome: null });
		expect(wait.fired[0].tasks[0]).toMatchObject({ title: 'Erstkontakt überfällig: Fall SIM-1 zuweisen oder übernehmen', assign: 'unassigned' });
		expect(wait.fired[0].notifications[0]).toMatchObject({ to: 'assignee', language: 'de' });
		// A take: the role's options, the move, the participant's email in Arabic.
		expect(termin).toMatchObject({ day: 20, take: 'termin_vereinbaren', takeLabel: 'Termin für Erstgespräch vereinbart', role: 'counsellor' });
		expect(termin.options.map((o) => `${o.key}:${o.allowed}`)).toEqual(['termin_vereinbaren:true', 'abbrechen:true']);
		expect(termin.outcome).toMatchObject({ from: 'angemeldet', fromLabel: 'Angemeldet', to: 'erstgespraech', toLabel: 'Erstgespräch', stay: false, closed: false });
		expect(termin.outcome.set).toEqual([{ key: 'first_meeting', label: 'Termin Erstgespräch', value: '2026-01-27', text: '2026-01-27', type: 'date' }]);
		expect(termin.outcome.notifications[0]).toMatchObject({ to: 'participant', language: 'ar', subjectDe: 'Ihr Termin für das Erstgespräch' });
		expect(termin.outcome.voided).toEqual([]); // the SLA of "angemeldet" fired already
		expect(termin.outcome.timers).toEqual([{ key: 'sla', kind: 'sla', state: 'erstgespraech', stateLabel: 'Erstgespräch', due: '2026-02-15T09:00:00+01:00' }]);
		expect(v.steps[3].outcome.voided).toEqual(termin.outcome.timers); // moving on ends it
		expect(profiling.outcome.set.find((f) => f.key === 'work_permit').text).toBe('beantragt');
		// The placement: refused by its guard, with the admin's reason, also among the options.
		expect(placement.outcome).toBeNull();
		expect(placement.error).toEqual({ code: 'guard_false', message: expect.stringContaining('gültige Arbeitserlaubnis'), fields: [] });
		expect(placement.options.find((o) => o.key === 'vermitteln')).toMatchObject({ allowed: false, reason: { code: 'guard_false' } });
		expect(v.refused).toBe(1);
		expect(v.end).toMatchObject({ state: 'foerderplan', label: 'Förderplan', closed: false, days: 20 });
	});

	it('draws the path: states in order, the edges taken, the edge refused', () => {
		const { scenario } = buildScenario(storyA(), wf);
		const { path } = readTrace(TRACE_A, wf, scenario, de);
		expect(path.states).toEqual(['angemeldet', 'erstgespraech', 'profiling', 'foerderplan']);
		expect(path.edges.map((e) => `${e.key}:${e.from}→${e.to}`)).toEqual([
			'termin_vereinbaren:angemeldet→erstgespraech',
			'erstgespraech_gefuehrt:erstgespraech→profiling',
			'profiling_abgeschlossen:profiling→foerderplan',
		]);
		expect(path.refused).toEqual([{ key: 'vermitteln', from: 'foerderplan', step: 5 }]);
		expect(path.end).toBe('foerderplan');
	});

	it('reads a case started elsewhere: a wrong step, an automatic transition while days pass, refusals with their fields', () => {
		const v = readTrace(TRACE_B, wf, SCENARIO_B, de);
		expect(v.steps.map((s) => s.scenarioIndex)).toEqual([0, 1, 2, 3, 4]); // no start step: the case was there already
		const [wrong, placed, wait, close, ended] = v.steps;
		expect(wrong.error.code).toBe('wrong_state');
		expect(placed.role).toBe('tenant_admin');
		expect(placed.outcome.set.find((f) => f.key === 'placement_type')).toMatchObject({ text: 'Arbeit' });
		expect(placed.outcome.timers.map((x) => `${x.kind}:${x.key}`)).toEqual(expect.arrayContaining(['transition:nachbetreuung_starten']));
		expect(wait.fired.map((f) => `${f.kind}:${f.result}`)).toEqual(['transition:fired']);
		expect(wait.fired[0].outcome).toMatchObject({ transition: 'nachbetreuung_beginnen', from: 'vermittelt', to: 'nachbetreuung', role: 'system' });
		expect(close.error.code).toBe('guard_false');
		expect(ended.error).toMatchObject({ code: 'step_invalid', fields: [{ path: 'note', label: 'Was ist passiert?', code: 'validation_required', message: expect.any(String) }] });
		expect(v.path.edges.map((e) => e.key)).toEqual(['vermitteln', 'nachbetreuung_beginnen']);
		expect(v.path.refused.map((e) => `${e.key}:${e.from}`)).toEqual(['termin_vereinbaren:foerderplan', 'abschliessen:nachbetreuung', 'vermittlung_beendet:nachbetreuung']);
		expect(v.end).toMatchObject({ state: 'nachbetreuung', days: 20 });
		expect(v.end.fields.find((f) => f.key === 'employer')).toMatchObject({ value: 'Bäckerei Kunze' });
	});

	it('marks a stay transition as staying and loops on its state', () => {
		const steps = [{ index: 0, kind: 'take', state: 'profiling', take: 'arbeitserlaubnis_erfassen', after: 'profiling', fired: [], error: null,
			outcome: { transition: 'arbeitserlaubnis_erfassen', from: 'profiling', to: 'profiling' } }];
		expect(pathOf(steps)).toEqual({ states: ['profiling'], edges: [{ key: 'arbeitserlaubnis_erfassen', from: 'profiling', to: 'profiling', step: 0 }], refused: [], end: 'profiling' });
		const stay = readTrace({ steps: [{ kind: 'take', now: '2026-01-05T09:00:00+01:00', state: 'profiling', outcome: { transition: 'arbeitserlaubnis_erfassen', from: 'profiling', to: 'profiling', moved: false } }], case: { state: 'profiling' } }, wf);
		expect(stay.steps[0].outcome.stay).toBe(true);
	});

	it('copes with an empty trace', () => {
		expect(readTrace(null, wf)).toMatchObject({ steps: [], refused: 0, path: { states: [], edges: [], refused: [], end: '' } });
	});
});

describe('moving open cases to the current version', () => {
	const v1 = demoWorkflow();
	const v2 = demoWorkflow();
	v2.states.find((s) => s.key === 'erstgespraech').key = 'termin';

	it('maps every open state to the same key, and leaves the renamed one to choose', () => {
		expect(movableStates(v1).map((s) => s.key)).toEqual(['angemeldet', 'erstgespraech', 'profiling', 'foerderplan', 'in_massnahme', 'vermittelt', 'nachbetreuung']);
		const m = defaultMapping(v1, v2);
		expect(m).toMatchObject({ angemeldet: 'angemeldet', erstgespraech: '', foerderplan: 'foerderplan' });
		expect(m).not.toHaveProperty('abgeschlossen');
		expect(mappingBody(m)).not.toHaveProperty('erstgespraech');
		expect(mappingBody({ ...m, erstgespraech: 'termin' }).erstgespraech).toBe('termin');
	});

	it('shows the dry run per state, the diagnostics at their state, unknown counts while refused', () => {
		const mapping = { ...defaultMapping(v1, v2), foerderplan: 'abgebrochen' };
		const refused = [{ path: 'mapping.erstgespraech', code: 'migration_unmapped', severity: 'error', message: 'x' }, { path: 'in_use[0]', code: 'migration_state_unknown', severity: 'error', message: 'y' }];
		const rows = mappingRows(v1, v2, mapping, null, refused);
		expect(rows.find((r) => r.key === 'erstgespraech')).toMatchObject({ label: 'Erstgespräch', count: null, target: '', diags: [refused[0]] });
		expect(diagsByState(refused)['']).toEqual([refused[1]]);
		const ok = mappingRows(v1, v2, { ...mapping, erstgespraech: 'termin' }, { angemeldet: 1, erstgespraech: 2, alt: 1 }, []);
		expect(ok.find((r) => r.key === 'erstgespraech')).toMatchObject({ count: 2, target: 'termin', targetLabel: 'Erstgespräch' });
		expect(ok.find((r) => r.key === 'profiling').count).toBe(0);
		expect(ok.find((r) => r.key === 'foerderplan')).toMatchObject({ terminal: true, targetLabel: 'Abgebrochen' });
		expect(ok.at(-1)).toMatchObject({ key: 'alt', count: 1 }); // a state the old version lacks comes last
		expect(openTotal({ angemeldet: 1, erstgespraech: 2 })).toBe(3);
		expect(openTotal(null)).toBe(0);
	});
});
