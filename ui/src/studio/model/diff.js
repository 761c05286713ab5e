// What changed between the last published version and the draft, by key
// (not by position): sections, fields, test cases of a form; states,
// transitions and case fields of a workflow. Each change:
//   {change: 'added' | 'removed' | 'changed' | 'moved', kind, key, where?, props?}

/** Deep equality of JSON values (key order does not matter). */
export function same(a, b) {
	if (a === b) return true;
	if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
	const ka = Object.keys(a).filter((k) => a[k] !== undefined);
	const kb = Object.keys(b).filter((k) => b[k] !== undefined);
	return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
}

/** Properties whose values differ (skipping the ones listed in skip). */
function changedProps(a, b, skip = []) {
	const keys = new Set([...Object.keys(a || {}), ...Object.keys(b || {})]);
	return [...keys].filter((k) => !skip.includes(k) && !same(a?.[k], b?.[k])).sort();
}

/**
 * Keyed lists: added, removed, changed (props), and moved (the relative order
 * of the items both have changed). where(item) names the container, e.g. a
 * section key: an item whose container changed counts as moved.
 */
function diffKeyed(kind, before, after, { skip = [], where = () => undefined } = {}) {
	const out = [];
	const old = new Map(before.map((x, i) => [x.item.key, { ...x, i }]));
	const now = new Map(after.map((x, i) => [x.item.key, { ...x, i }]));
	const stayed = inOrder(after.filter((x) => old.has(x.item.key)).map((x) => x.item.key), old, now);
	for (const [key, x] of now) {
		const o = old.get(key);
		if (!o) {
			out.push({ change: 'added', kind, key, where: where(x) });
			continue;
		}
		const props = changedProps(o.item, x.item, skip);
		if (props.length) out.push({ change: 'changed', kind, key, where: where(x), props });
		if (where(o) !== where(x) || !stayed.has(key)) {
			out.push({ change: 'moved', kind, key, where: where(x), from: where(o) });
		}
	}
	for (const [key, o] of old) if (!now.has(key)) out.push({ change: 'removed', kind, key, where: where(o) });
	return out;
}

/**
 * The keys that kept their order: the longest run of keys (in the new order)
 * whose old positions increase; among runs of the same length the one whose
 * items moved least. The others count as moved.
 */
function inOrder(keys, old, now) {
	const pos = keys.map((k) => old.get(k).i);
	const weight = keys.map((k) => 1 - 1e-4 * Math.abs(old.get(k).i - now.get(k).i));
	const score = [...weight];
	const prev = pos.map(() => -1);
	let best = -1;
	for (let i = 0; i < pos.length; i++) {
		for (let j = 0; j < i; j++) {
			if (pos[j] < pos[i] && score[j] + weight[i] > score[i]) {
				score[i] = score[j] + weight[i];
				prev[i] = j;
			}
		}
		if (best < 0 || score[i] > score[best]) best = i;
	}
	const out = new Set();
	for (let i = best; i >= 0; i = prev[i]) out.add(keys[i]);
	return out;
}

const wrap = (list, extra = {}) => (list || []).map((item) => ({ item, ...extra }));

function fieldsOf(form) {
	return (form?.sections || []).flatMap((s) => wrap(s.fields, { section: s.key }));
}

/** The changes of a form definition; old may be null (nothing published yet: everything is new). */
export function diffForm(old, now) {
	const out = [];
	const top = changedProps(old || {}, now || {}, ['sections', 'tests', '$schema']);
	if (old && top.length) out.push({ change: 'changed', kind: 'form', key: '', props: top });
	out.push(...diffKeyed('section', wrap(old?.sections), wrap(now?.sections), { skip: ['fields'] }));
	out.push(...diffKeyed('field', fieldsOf(old), fieldsOf(now), { skip: ['fields'], where: (x) => x.section }));
	// Sub-fields of repeat groups, under the group's key.
	const groups = new Map(fieldsOf(old).map((x) => [x.item.key, x.item]));
	for (const { item } of fieldsOf(now)) {
		const before = groups.get(item.key);
		// A new group is one change; so is a group that became another type.
		if (!before || item.type !== 'repeat' || before.type !== 'repeat') continue;
		for (const c of diffKeyed('field', wrap(before.fields), wrap(item.fields))) out.push({ ...c, key: `${item.key}.${c.key}` });
	}
	const tests = (d) => (d?.tests || []).map((t) => ({ item: { ...t, key: t.name } }));
	out.push(...diffKeyed('test', tests(old), tests(now)));
	return out;
}

/** The changes of a workflow definition; old may be null. */
export function diffWorkflow(old, now) {
	const out = [];
	const top = changedProps(old || {}, now || {}, ['states', 'transitions', 'case_fields', '$schema']);
	if (old && top.length) out.push({ change: 'changed', kind: 'workflow', key: '', props: top });
	out.push(...diffKeyed('case_field', wrap(old?.case_fields), wrap(now?.case_fields)));
	out.push(...diffKeyed('state', wrap(old?.states), wrap(now?.states)));
	out.push(...diffKeyed('transition', wrap(old?.transitions), wrap(now?.transitions)));
	return out;
}

/** Whether a draft differs from the published definition at all. */
export function changed(old, now) {
	return !same(strip(old), strip(now));
}

function strip(d) {
	if (!d) return d;
	const { $schema: _s, ...rest } = d;
	return rest;
}
