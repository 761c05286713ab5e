// Pure edits of workflow definitions (docs/workflow-language.md): starter,
// states and transitions, renaming and removing with their references, and
// the names a guard or a set value may read.
import { de, keyFromLabel, ruleFields, uniqueKey } from './definition.js';

export const STATE_KINDS = ['start', 'active', 'terminal'];
export const ROLES = ['counsellor', 'tenant_admin'];
export const ACTION_TYPES = ['set', 'task', 'notify', 'schedule'];
export const CASE_FIELD_TYPES = ['text', 'number', 'boolean', 'date', 'choice'];
const BUILTIN_CASE = ['state', 'days_in_state', 'opened', 'state_entered', 'reference', 'assigned'];

/** A workflow to start from: new → in progress → done. */
export function starterWorkflow(title) {
	return {
		title: de(title),
		languages: ['de'],
		states: [
			{ key: 'neu', kind: 'start', label: de('Neu') },
			{ key: 'in_arbeit', kind: 'active', label: de('In Arbeit') },
			{ key: 'abgeschlossen', kind: 'terminal', label: de('Abgeschlossen') },
		],
		transitions: [
			{ key: 'beginnen', from: ['neu'], to: 'in_arbeit', label: de('Beginnen'), roles: ['counsellor', 'tenant_admin'] },
			{ key: 'abschliessen', from: ['in_arbeit'], to: 'abgeschlossen', label: de('Abschließen'), roles: ['counsellor', 'tenant_admin'] },
		],
	};
}

export function newState(wf, label, kind = 'active') {
	const s = { key: uniqueKey(keyFromLabel(label, 'status'), (wf.states || []).map((x) => x.key)), kind, label: de(label) };
	(wf.states ||= []).push(s);
	return s;
}

export function newTransition(wf, label, from, to) {
	const t = {
		key: uniqueKey(keyFromLabel(label, 'uebergang'), (wf.transitions || []).map((x) => x.key)),
		from: from ? [from] : [],
		to,
		label: de(label),
		roles: ['counsellor', 'tenant_admin'],
	};
	if (!to) delete t.to;
	(wf.transitions ||= []).push(t);
	return t;
}

/** Renames a state and every reference to it (from, to, while_in). */
export function renameState(wf, oldKey, newKey) {
	if (oldKey === newKey) return;
	for (const s of wf.states || []) if (s.key === oldKey) s.key = newKey;
	const fix = (list) => list && list.forEach((k, i) => k === oldKey && (list[i] = newKey));
	const walkActions = (actions) =>
		(actions || []).forEach((a) => {
			fix(a.while_in);
			walkActions(a.actions);
		});
	for (const t of wf.transitions || []) {
		fix(t.from);
		if (t.to === oldKey) t.to = newKey;
		walkActions(t.actions);
	}
	for (const s of wf.states || []) walkActions(s.on_enter);
}

/** Transitions that would lose their target or every source if the state went. */
export function dependents(wf, key) {
	return (wf.transitions || []).filter((t) => t.to === key || ((t.from || []).length === 1 && t.from[0] === key));
}

/** Removes a state, the transitions into it or only from it, and its other mentions. */
export function removeState(wf, key) {
	const gone = new Set(dependents(wf, key));
	wf.states = (wf.states || []).filter((s) => s.key !== key);
	wf.transitions = (wf.transitions || []).filter((t) => !gone.has(t));
	for (const t of wf.transitions) t.from = (t.from || []).filter((k) => k !== key);
}

/** Renames a transition and the schedules that take it. */
export function renameTransition(wf, oldKey, newKey) {
	for (const t of wf.transitions || []) if (t.key === oldKey) t.key = newKey;
	const walk = (actions) =>
		(actions || []).forEach((a) => {
			if (a.type === 'schedule' && a.transition === oldKey) a.transition = newKey;
		});
	for (const t of wf.transitions || []) walk(t.actions);
	for (const s of wf.states || []) walk(s.on_enter);
}

/** A new action of type with what it needs. */
export function newAction(type, wf) {
	switch (type) {
		case 'set':
			return { type, field: wf?.case_fields?.[0]?.key || '', value: '' };
		case 'task':
			return { type, title: de('Neue Aufgabe'), due_days: 7 };
		case 'notify':
			return { type, to: 'assignee', subject: de('Betreff'), body: de('Text') };
		default:
			return { type: 'schedule', key: 'erinnerung', after_days: 14, actions: [{ type: 'task', title: de('Nachfassen') }] };
	}
}

/**
 * What a guard (or, with step fields, a set value) may read: the intake
 * fields, case.* (built in and the workflow's case fields), participant.*,
 * role and, in a transition's actions, step.<key>. Each {name, type, label}.
 */
export function guardFields(form, wf, stepFields = null) {
	const out = ruleFields(form).map((f) => ({ ...f }));
	const builtin = { state: 'text', days_in_state: 'number', opened: 'date', state_entered: 'date', reference: 'text', assigned: 'bool' };
	for (const k of BUILTIN_CASE) out.push({ name: `case.${k}`, type: builtin[k] });
	const caseType = { text: 'text', choice: 'text', number: 'number', boolean: 'bool', date: 'date' };
	for (const c of wf?.case_fields || []) out.push({ name: `case.${c.key}`, type: caseType[c.type] || 'text', label: c.label, options: (c.options || []).map((o) => o.value) });
	out.push(
		{ name: 'participant.age', type: 'number' },
		{ name: 'participant.birth_date', type: 'date' },
		...['gender', 'nationality', 'preferred_language', 'municipality', 'channel'].map((k) => ({ name: `participant.${k}`, type: 'text' })),
		{ name: 'role', type: 'text', options: ['counsellor', 'tenant_admin', 'system'] },
	);
	if (stepFields) for (const f of ruleFields({ sections: [{ fields: stepFields }] })) out.push({ ...f, name: `step.${f.name}` });
	return out;
}
