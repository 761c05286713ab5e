// Diagnostics of the check routes ({path, code, message, severity, line,
// column, from, to}) as the editors need them: per rule, per element, and
// the pieces of a rule's source to underline.
import { ownerOf } from './definition.js';

export const isError = (d) => d.severity === 'error';

/** The diagnostics of exactly one path (a rule, a text). */
export function at(diags, path) {
	return (diags || []).filter((d) => d.path === path);
}

/** The diagnostics inside a path: the path itself and everything below it. */
export function under(diags, path) {
	return (diags || []).filter((d) => d.path === path || d.path.startsWith(path + '.') || d.path.startsWith(path + '['));
}

/** The diagnostics that belong to a form element {s, f, sub} itself (not to its sub-fields). */
export function ofElement(diags, where) {
	return (diags || []).filter((d) => {
		const o = ownerOf(d.path);
		return o && o.s === where.s && o.f === where.f && o.sub === where.sub;
	});
}

export function counts(diags) {
	let errors = 0;
	let warnings = 0;
	for (const d of diags || []) isError(d) ? errors++ : warnings++;
	return { errors, warnings };
}

/**
 * The source of a rule cut into pieces for the underline layer:
 * [{text, diag}] where diag is the diagnostic a piece is underlined for
 * (null: plain). Offsets are UTF-16 code units, as JavaScript strings count;
 * a diagnostic without a range (from = to = 0 and no position) marks
 * nothing, an empty range marks the character after it (or a space at the end).
 */
export function segments(src, diags) {
	src = src || '';
	const ranges = [];
	for (const d of diags || []) {
		if (!d.line && !d.column && !d.from && !d.to) continue;
		let from = Math.max(0, Math.min(d.from ?? 0, src.length));
		let to = Math.max(from, Math.min(d.to ?? from, src.length));
		if (to === from) to = Math.min(from + 1, src.length);
		if (to === from) ranges.push({ from, to, diag: d, tail: true });
		else ranges.push({ from, to, diag: d });
	}
	ranges.sort((a, b) => a.from - b.from || (isError(b.diag) ? 1 : 0) - (isError(a.diag) ? 1 : 0));
	const out = [];
	let pos = 0;
	let tail = null;
	for (const r of ranges) {
		if (r.tail) {
			tail ||= r.diag;
			continue;
		}
		if (r.from < pos) continue; // overlapping: the first one wins
		if (r.from > pos) out.push({ text: src.slice(pos, r.from), diag: null });
		out.push({ text: src.slice(r.from, r.to), diag: r.diag });
		pos = r.to;
	}
	if (pos < src.length) out.push({ text: src.slice(pos), diag: null });
	if (tail) out.push({ text: ' ', diag: tail });
	return out;
}
