// The workflow simulation (POST /api/mp/workflows/simulate, docs/workflow-language.md
// "Simulation"): the scenario the admin builds (a sample case and steps) as the
// route wants it, and the trace it answers, read into what the studio shows —
// per step the options, the outcome or the error, the timers fired — and the
// path the case took through the diagram. Pure: the components only draw this.

/** The engine's day when the scenario names none: 05.01.2026, 09:00 in Berlin. */
export const DEFAULT_DAY = '2026-01-05';
export const MAX_STEPS = 200;
export const MAX_DAYS = 3650;
/** Who the sample case is (texts fill their placeholders with it). */
export const SAMPLE = { reference: 'SIM-1', first_name: 'Alex', last_name: 'Beispiel' };
/** Intake field types a sample answer can be picked for (the rest: as JSON). */
export const PICKABLE = ['text', 'textarea', 'email', 'phone', 'number', 'integer', 'date', 'boolean', 'choice', 'multichoice'];

export function newScenario() {
	return { day: '', state: '', age: '', language: 'de', answers: {}, fields: {}, steps: [] };
}

export const takeStep = (take = '') => ({ kind: 'take', take, role: 'counsellor', step: {}, comment: '' });
export const waitStep = (days = 14) => ({ kind: 'wait', days });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC offset of Berlin on a day (at 09:00): "+01:00" in winter, "+02:00" in summer. */
export function berlinOffset(day) {
	const [y, m, d] = day.split('-').map(Number);
	const part = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
		.formatToParts(new Date(Date.UTC(y, m - 1, d, 8)))
		.find((p) => p.type === 'timeZoneName')?.value;
	const m2 = /([+-]\d{2}:\d{2})/.exec(part || '');
	return m2 ? m2[1] : '+01:00';
}

/** 09:00 Berlin on a day, as RFC 3339 (what the engine reads as the case's "now"). */
export const berlinMorning = (day) => `${day}T09:00:00${berlinOffset(day)}`;

/** The calendar day (YYYY-MM-DD) of an instant in Berlin. */
export function berlinDay(iso) {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return '';
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Whole days between two calendar days (b − a). */
export function daysBetween(a, b) {
	const utc = (s) => Date.UTC(...s.split('-').map((x, i) => Number(x) - (i === 1 ? 1 : 0)));
	return Math.round((utc(b) - utc(a)) / 86400000);
}

/** A birth date that makes someone `age` whole years old on `day` (on 29 Feb: born 28 Feb). */
export function birthDateForAge(age, day = DEFAULT_DAY) {
	const [y, m, d] = day.split('-').map(Number);
	const born = new Date(Date.UTC(y - age, m - 1, d));
	if (born.getUTCMonth() !== m - 1) born.setUTCDate(0); // no 29 Feb that year: the day before
	return born.toISOString().slice(0, 10);
}

/**
 * A sample answer from what an input holds, typed as the field's type wants
 * it: numbers as numbers, yes/no as true/false, several choices as a list;
 * nothing (undefined) for an empty input.
 */
export function sampleValue(field, raw) {
	if (raw === undefined || raw === null) return undefined;
	switch (field?.type) {
		case 'number':
		case 'integer': {
			const s = String(raw).trim().replace(',', '.');
			if (s === '') return undefined;
			const n = Number(s);
			return Number.isFinite(n) ? n : undefined;
		}
		case 'boolean':
			return raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : undefined;
		case 'multichoice': {
			const list = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== '' && v != null);
			return list.length ? list : undefined;
		}
		default:
			return raw === '' ? undefined : raw;
	}
}

/** An answers object without empty values (what a request carries). */
export function cleanAnswers(obj) {
	const out = {};
	for (const [k, v] of Object.entries(obj || {})) {
		if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
		out[k] = v;
	}
	return out;
}

/** The intake fields a sample answer can be picked for: [{key, type, label, options}]. */
export function pickableFields(form) {
	const out = [];
	for (const s of form?.sections || []) for (const f of s.fields || []) if (PICKABLE.includes(f.type)) out.push(f);
	return out;
}

/**
 * The request's scenario from the admin's sample case and steps, and what
 * keeps it from being sent: [{step (index or null), code}] with codes
 * take_missing, transition_unknown, days_invalid, too_many, age_invalid,
 * day_invalid, state_unknown.
 */
export function buildScenario(model, workflow) {
	const problems = [];
	const states = new Set((workflow?.states || []).map((s) => s.key));
	const transitions = new Map((workflow?.transitions || []).map((t) => [t.key, t]));
	const day = model.day || '';
	if (day && !DAY.test(day)) problems.push({ step: null, code: 'day_invalid' });
	const participant = { first_name: SAMPLE.first_name, last_name: SAMPLE.last_name };
	if (model.language) participant.preferred_language = model.language;
	const age = String(model.age ?? '').trim();
	if (age !== '') {
		const n = Number(age);
		if (!Number.isInteger(n) || n < 0 || n > 120) problems.push({ step: null, code: 'age_invalid' });
		else participant.birth_date = birthDateForAge(n, DAY.test(day) ? day : DEFAULT_DAY);
	}
	const c = { reference: SAMPLE.reference, participant };
	const answers = cleanAnswers(model.answers);
	if (Object.keys(answers).length) c.answers = answers;
	if (DAY.test(day)) c.now = berlinMorning(day);
	if (model.state) {
		// Started elsewhere: the case has just entered that state (no timers yet).
		if (!states.has(model.state)) problems.push({ step: null, code: 'state_unknown' });
		const now = c.now || berlinMorning(DEFAULT_DAY);
		Object.assign(c, { state: model.state, entry: 0, state_entered: now, opened: now });
		const fields = cleanAnswers(model.fields);
		if (Object.keys(fields).length) c.fields = fields;
	}
	const steps = [];
	(model.steps || []).forEach((s, i) => {
		if (s.kind === 'wait') {
			const n = Number(s.days);
			if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS) problems.push({ step: i, code: 'days_invalid' });
			steps.push({ wait_days: n });
			return;
		}
		if (!s.take) problems.push({ step: i, code: 'take_missing' });
		else if (!transitions.has(s.take)) problems.push({ step: i, code: 'transition_unknown' });
		const out = { take: s.take, role: s.role || 'counsellor' };
		const keys = new Set((transitions.get(s.take)?.step_form?.fields || []).map((f) => f.key));
		const step = Object.fromEntries(Object.entries(cleanAnswers(s.step)).filter(([k]) => keys.has(k)));
		if (Object.keys(step).length) out.step = step;
		if (s.comment?.trim()) out.comment = s.comment.trim();
		steps.push(out);
	});
	if (steps.length > MAX_STEPS) problems.push({ step: null, code: 'too_many' });
	return { scenario: { case: c, steps }, problems };
}

// ---- reading the trace ------------------------------------------------------------------------

const labelIn = (list, key, textOf) => {
	const el = (list || []).find((x) => x.key === key);
	return el ? textOf(el.label) || key : key;
};

/**
 * What a trace says, step by step, with the draft's labels. Each step:
 * {index, kind (start, take, wait, invalid), scenarioIndex, now, day (days
 * since the start), state, stateLabel, after, afterLabel, take, takeLabel,
 * role, options, outcome, error, fired, until}; outcomes and firings as
 * readOutcome/readFiring. `textOf` turns a definition text into German.
 */
export function readTrace(trace, workflow, scenario = null, textOf = (x) => (typeof x === 'string' ? x : x?.de || '')) {
	const raw = trace?.steps || [];
	const stateLabel = (k) => (k ? labelIn(workflow?.states, k, textOf) : '');
	const trLabel = (k) => labelIn(workflow?.transitions, k, textOf);
	const fields = workflow?.case_fields || [];
	const startDay = berlinDay(raw[0]?.now || trace?.case?.now || '');
	const offset = raw[0]?.kind === 'start' ? 1 : 0;
	const steps = raw.map((st, i) => {
		const after = i + 1 < raw.length ? raw[i + 1].state : trace?.case?.state || '';
		const sc = i - offset >= 0 ? scenario?.steps?.[i - offset] : null;
		const view = {
			index: i,
			kind: st.kind,
			scenarioIndex: i - offset >= 0 ? i - offset : null,
			now: st.now,
			day: startDay ? daysBetween(startDay, berlinDay(st.now)) : 0,
			state: st.state || '',
			stateLabel: stateLabel(st.state),
			after: st.kind === 'start' && st.error ? '' : after,
			afterLabel: stateLabel(after),
			take: sc?.take || st.outcome?.transition || '',
			takeLabel: '',
			role: sc?.role || st.outcome?.actor?.role || '',
			options: (st.options || []).map((o) => ({ ...o, stay: !!o.stay, reason: o.reason || null })),
			outcome: st.outcome ? readOutcome(st.outcome, stateLabel, trLabel, fields, textOf) : null,
			error: st.error ? readError(st.error, workflow, sc?.take, textOf) : null,
			fired: (st.fired || []).map((f) => readFiring(f, stateLabel, trLabel, fields, textOf)),
			until: st.kind === 'wait' ? (raw[i + 1]?.now || trace?.case?.now || st.now) : '',
			waitDays: sc?.wait_days || 0,
		};
		view.takeLabel = view.take ? trLabel(view.take) : '';
		if (st.kind === 'start') view.after = st.outcome?.to || after;
		view.afterLabel = stateLabel(view.after);
		return view;
	});
	const end = trace?.case || {};
	return {
		steps,
		path: pathOf(steps),
		end: {
			state: end.state || '',
			label: stateLabel(end.state),
			closed: !!(workflow?.states || []).find((s) => s.key === end.state && s.kind === 'terminal'),
			fields: Object.entries(end.fields || {}).map(([k, v]) => caseField(k, v, fields, textOf)),
			days: startDay && end.now ? daysBetween(startDay, berlinDay(end.now)) : 0,
			now: end.now || '',
		},
		refused: steps.filter((s) => s.error).length,
	};
}

function caseField(key, value, fields, textOf) {
	const f = fields.find((x) => x.key === key);
	const opt = f?.type === 'choice' ? (f.options || []).find((o) => o.value === value) : null;
	return { key, label: f ? textOf(f.label) || key : key, value, text: opt ? textOf(opt.label) || value : value, type: f?.type || '' };
}

/** An outcome: from → to, fields set, tasks, notifications, timers armed and voided. */
export function readOutcome(o, stateLabel, trLabel, fields = [], textOf = (x) => x?.de || '') {
	return {
		transition: o.transition || '',
		label: o.transition ? trLabel(o.transition) : '',
		from: o.from || '',
		fromLabel: stateLabel(o.from),
		to: o.to,
		toLabel: stateLabel(o.to),
		stay: !!o.transition && !o.moved,
		closed: !!o.closed,
		role: o.actor?.role || '',
		set: Object.entries(o.set || {}).map(([k, v]) => caseField(k, v, fields, textOf)),
		tasks: (o.tasks || []).map((t) => ({ title: t.title?.de || Object.values(t.title || {})[0] || '', due: t.due || '', assign: t.assign || '' })),
		notifications: (o.notifications || []).map(readNotification),
		timers: (o.timers || []).map((t) => ({ key: t.key, kind: t.kind, state: t.state, stateLabel: stateLabel(t.state), due: t.due })),
		voided: (o.voided || []).map((t) => ({ key: t.key, kind: t.kind, state: t.state, stateLabel: stateLabel(t.state), due: t.due })),
	};
}

/** A notification in the recipient's language (as it would be sent), with the German subject next to it. */
function readNotification(n) {
	const lang = n.language || 'de';
	return { to: n.to, language: lang, subject: n.subject?.[lang] || n.subject?.de || '', body: n.body?.[lang] || n.body?.de || '', subjectDe: n.subject?.de || '' };
}

/** A timer fired during a wait: what it was and what it did (fired, skipped with the reason, void). */
export function readFiring(f, stateLabel, trLabel, fields = [], textOf = (x) => x?.de || '') {
	const t = f.timer || {};
	return {
		key: t.key,
		kind: t.kind,
		state: t.state,
		stateLabel: stateLabel(t.state),
		due: t.due,
		result: f.result,
		reason: f.reason || null,
		tasks: (f.tasks || []).map((x) => ({ title: x.title?.de || Object.values(x.title || {})[0] || '', due: x.due || '', assign: x.assign || '' })),
		notifications: (f.notifications || []).map(readNotification),
		outcome: f.outcome ? readOutcome(f.outcome, stateLabel, trLabel, fields, textOf) : null,
	};
}

/** A refusal: its code and message, and the step-form errors by field with their labels. */
function readError(e, workflow, take, textOf) {
	const form = (workflow?.transitions || []).find((t) => t.key === take)?.step_form?.fields || [];
	const fields = Object.entries(e.fields || {}).map(([path, item]) => {
		const f = form.find((x) => x.key === path.split(/[.[]/)[0]);
		return { path, label: path === 'comment' ? '' : f ? textOf(f.label) || path : path, code: item?.code || '', message: item?.message || '' };
	});
	return { code: e.code, message: e.message || '', fields };
}

/**
 * The path through the diagram: the states visited in order, the edges taken
 * ({key, from, to, step}; automatic ones too), the edges refused ({key, from,
 * step}) and the state at the end.
 */
export function pathOf(steps) {
	const states = [];
	const edges = [];
	const refused = [];
	const visit = (k) => k && states[states.length - 1] !== k && states.push(k);
	const take = (o, step) => {
		if (!o) return;
		if (o.from) visit(o.from);
		if (o.transition) edges.push({ key: o.transition, from: o.from || o.to, to: o.to, step });
		visit(o.to);
	};
	for (const s of steps) {
		visit(s.state);
		take(s.outcome, s.index);
		for (const f of s.fired) take(f.outcome, s.index);
		if (s.error && s.take && s.state) refused.push({ key: s.take, from: s.state, step: s.index });
	}
	const end = steps.length ? steps[steps.length - 1].after || states[states.length - 1] || '' : '';
	return { states, edges, refused, end };
}
