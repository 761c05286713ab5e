// The inbox's filters, kept in the location hash (#/?scope=all&state=…), so a
// reload, the back button and a bookmark keep them; and the keyboard moves.

export const DEFAULT_FILTERS = Object.freeze({ scope: 'mine', state: '', offer: '', overdue: false, sla: false, q: '', page: 1 });

/** Filters from a query string ("scope=all&overdue=1"); unknown or bad values give the defaults. */
export function parseFilters(query) {
	const p = new URLSearchParams(query || '');
	const page = Number.parseInt(p.get('page') || '1', 10);
	return {
		scope: p.get('scope') === 'all' ? 'all' : 'mine',
		state: p.get('state') || '',
		offer: p.get('offer') || '',
		overdue: p.get('overdue') === '1',
		sla: p.get('sla') === '1',
		q: (p.get('q') || '').slice(0, 200),
		page: Number.isFinite(page) && page > 0 ? page : 1,
	};
}

/** The query string of filters, without defaults ("" for the default inbox). */
export function filtersToQuery(f) {
	const p = new URLSearchParams();
	if (f.scope === 'all') p.set('scope', 'all');
	if (f.state) p.set('state', f.state);
	if (f.offer) p.set('offer', f.offer);
	if (f.overdue) p.set('overdue', '1');
	if (f.sla) p.set('sla', '1');
	if (f.q && f.q.trim()) p.set('q', f.q.trim());
	if (f.page > 1) p.set('page', String(f.page));
	return p.toString();
}

/** The request URL of GET /api/mp/inbox for filters (the server always gets the scope). */
export function inboxUrl(f, perPage = 25, lang = 'de') {
	const p = new URLSearchParams(filtersToQuery(f));
	p.set('scope', f.scope === 'all' ? 'all' : 'mine');
	p.set('per_page', String(perPage));
	p.set('lang', lang);
	return `/api/mp/inbox?${p}`;
}

/** Changing any filter but the page starts again at page 1. */
export function withFilter(f, key, value) {
	return { ...f, [key]: value, page: key === 'page' ? value : 1 };
}

/** The row index after a j/k (down/up) move from `current` (-1: none yet) in a list of n. */
export function moveSelection(current, delta, n) {
	if (n <= 0) return -1;
	if (current < 0) return delta > 0 ? 0 : n - 1;
	return Math.min(n - 1, Math.max(0, current + delta));
}

/** Inputs whose keys are not text: a shortcut still works while one has the focus. */
const KEYLESS_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color', 'image']);

/** True when a key press belongs to what the user is typing in, not to a shortcut. */
export function isTyping(target) {
	if (!target || typeof target !== 'object') return false;
	const tag = (target.tagName || '').toUpperCase();
	if (tag === 'INPUT') return !KEYLESS_INPUTS.has(String(target.type || 'text').toLowerCase());
	return tag === 'TEXTAREA' || tag === 'SELECT' || !!target.isContentEditable;
}

/** A count with its cap: 100 at a cap of 100 reads "100+". */
export function capped(n, cap) {
	return cap && n >= cap ? `${cap}+` : String(n);
}
