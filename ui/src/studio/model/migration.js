// Moving the open cases of an older workflow version to the current one
// (POST /api/mp/offers/{offer}/workflow/migrate, docs/workflow-language.md
// "Versions and migration"): the state mapping the admin edits, what the
// request sends, and the dry run's answer per state. Pure.

/** States of the old version whose cases can move: every state that is not terminal (closed cases never move). */
export function movableStates(oldDef) {
	return (oldDef?.states || []).filter((s) => s.kind !== 'terminal');
}

/** The mapping to start from: each movable old state → the new state of the same key, else '' (to be chosen). */
export function defaultMapping(oldDef, newDef) {
	const keys = new Set((newDef?.states || []).map((s) => s.key));
	return Object.fromEntries(movableStates(oldDef).map((s) => [s.key, keys.has(s.key) ? s.key : '']));
}

/** What the request sends: the chosen targets only (the server maps the rest by key, or says which lack one). */
export function mappingBody(mapping) {
	return Object.fromEntries(Object.entries(mapping || {}).filter(([, v]) => v));
}

/** Diagnostics of a migration by the old state they name (path mapping.<state>), the rest under "". */
export function diagsByState(diags) {
	const out = { '': [] };
	for (const d of diags || []) {
		const m = /^mapping\.([a-z0-9_]+)$/.exec(d.path || '');
		(out[m ? m[1] : ''] ||= []).push(d);
	}
	return out;
}

/**
 * One row per movable old state: {key, label, count (open cases, null while
 * unknown), target, targetLabel, terminal (the target closes the cases),
 * diags}. `cases` is the dry run's {state: count}; states with open cases
 * that the old version lacks come last.
 */
export function mappingRows(oldDef, newDef, mapping, cases, diags, textOf = (x) => (typeof x === 'string' ? x : x?.de || '')) {
	const by = diagsByState(diags);
	const newStates = newDef?.states || [];
	const row = (key, label) => {
		const target = mapping?.[key] ?? '';
		const to = newStates.find((s) => s.key === target);
		return { key, label, count: cases ? (cases[key] ?? 0) : null, target, targetLabel: to ? textOf(to.label) || target : '', terminal: to?.kind === 'terminal', diags: by[key] || [] };
	};
	const rows = movableStates(oldDef).map((s) => row(s.key, textOf(s.label) || s.key));
	for (const key of Object.keys(cases || {})) if (!rows.some((r) => r.key === key)) rows.push(row(key, key));
	return rows;
}

/** How many open cases the dry run counted. */
export const openTotal = (cases) => Object.values(cases || {}).reduce((a, b) => a + b, 0);
