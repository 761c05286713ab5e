// Stable DOM ids for definition elements (their keys can change while typing)
// and the fields whose key still follows their label (new in this session).
const ids = new WeakMap();
let next = 0;

/** A stable id for an object (a $state proxy keeps its identity while it lives). */
export function uid(obj) {
	if (!obj || typeof obj !== 'object') return 'x';
	if (!ids.has(obj)) ids.set(obj, `e${++next}`);
	return ids.get(obj);
}

/** Fields (and states, transitions) added in this session: their key follows their German label until edited. */
export const autoKey = new WeakSet();
