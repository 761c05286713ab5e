// What the evaluation state means for the form: visible sections and fields,
// required fields, empty answers, and the answers as sent over the wire.
import { childPath, listHas, rowPath } from './paths.js';

/** Types that hold no answer. */
export const DISPLAY_TYPES = new Set(['info', 'calculated']);

export const emptyState = () => ({ hidden: [], required: [], values: {}, errors: {} });

export function sectionHidden(state, section) {
	return (state?.hidden || []).includes(`section:${section.key}`);
}

export function visibleSections(form, state) {
	return (form?.sections || []).filter((s) => !sectionHidden(state, s));
}

export function fieldHidden(state, path) {
	return listHas(state?.hidden, path);
}

export function fieldRequired(field, state, path) {
	return !!field.required || listHas(state?.required, path);
}

export function isEmpty(field, value) {
	if (value === undefined || value === null || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (field.type === 'consent') return value !== true;
	return false;
}

/** Calls fn(field, path, value) for every visible answerable field, rows included. */
export function walkVisible(fields, container, state, fn, parent = '') {
	for (const field of fields || []) {
		const path = childPath(parent, field.key);
		if (DISPLAY_TYPES.has(field.type) || fieldHidden(state, path)) continue;
		const value = container?.[field.key];
		fn(field, path, value);
		if (field.type === 'repeat') {
			(Array.isArray(value) ? value : []).forEach((row, i) => walkVisible(field.fields, row, state, fn, rowPath(path, i)));
		}
	}
}

/**
 * Client-side check before leaving a step or submitting: visible required
 * fields left empty, and repeat groups with too few or too many rows. The
 * server validates everything again; this only saves a round trip.
 */
export function missingRequired(sections, answers, state) {
	const errors = {};
	for (const s of sections) {
		walkVisible(s.fields, answers, state, (field, path, value) => {
			if (fieldRequired(field, state, path) && isEmpty(field, value)) {
				errors[path] = { code: 'validation_required' };
			} else if (field.type === 'repeat' || field.type === 'multichoice' || field.type === 'file') {
				const n = Array.isArray(value) ? value.length : 0;
				if (n && field.min_items && n < field.min_items) errors[path] = { code: 'validation_min_items' };
				if (field.max_items && n > field.max_items) errors[path] = { code: 'validation_max_items' };
			}
		});
	}
	return errors;
}

/** The field property each limit error is about (the server sends the limit as "{n}"). */
const LIMITS = {
	validation_min: 'min',
	validation_max: 'max',
	validation_min_length: 'min_length',
	validation_max_length: 'max_length',
	validation_min_items: 'min_items',
	validation_max_items: 'max_items',
	validation_file_too_large: 'max_size_mb',
};

/** Parameters for an error message from the field's definition: {n: the limit}. */
export function errorParams(field, code) {
	const key = LIMITS[code];
	return key && field?.[key] !== undefined && field[key] !== null ? { n: field[key] } : undefined;
}

/** Answers for a new draft: the fields' defaults. */
export function initialAnswers(form) {
	const answers = {};
	for (const s of form?.sections || []) {
		for (const f of s.fields || []) {
			if (f.default !== undefined && f.default !== null && !DISPLAY_TYPES.has(f.type)) answers[f.key] = structuredClone(f.default);
			else if (f.type === 'repeat' && f.min_items) answers[f.key] = Array.from({ length: f.min_items }, () => ({}));
		}
	}
	return answers;
}

function fieldsToWire(fields, container, out, onFile, state, parent) {
	for (const f of fields || []) {
		if (DISPLAY_TYPES.has(f.type) || !container || !(f.key in container)) continue;
		const value = container[f.key];
		const path = childPath(parent, f.key);
		if (state && fieldHidden(state, path)) continue;
		if (f.type === 'file') {
			const list = Array.isArray(value) ? value : [];
			list.forEach((meta) => onFile(path, meta));
			out[f.key] = list.map((m) => m.name);
		} else if (f.type === 'repeat') {
			out[f.key] = (Array.isArray(value) ? value : []).map((row, i) => {
				const r = {};
				fieldsToWire(f.fields, row, r, onFile, state, rowPath(path, i));
				return r;
			});
		} else {
			out[f.key] = value;
		}
	}
	return out;
}

/**
 * The answers as the server expects them: file fields as lists of file names
 * (the files themselves travel as multipart parts named by their path),
 * display-only fields dropped. onFile(path, meta) is called for each file.
 * With an evaluation state, answers to hidden fields and sections are left
 * out too (data minimisation: "no children" sends no children's details).
 */
export function toWire(form, answers, onFile = () => {}, state = null) {
	const out = {};
	for (const s of form?.sections || []) {
		if (!state || !sectionHidden(state, s)) fieldsToWire(s.fields, answers, out, onFile, state, '');
	}
	return out;
}

/** Removes the file entries with the given ids from every file field, rows included. */
export function removeFiles(form, answers, ids) {
	if (!ids.length) return;
	const walk = (fields, container) => {
		for (const f of fields || []) {
			const value = container?.[f.key];
			if (!Array.isArray(value)) continue;
			if (f.type === 'file') container[f.key] = value.filter((m) => !ids.includes(m.id));
			else if (f.type === 'repeat') value.forEach((row) => walk(f.fields, row));
		}
	};
	for (const s of form?.sections || []) walk(s.fields, answers);
}

/** The field definition a path points at (rows included), or undefined. */
export function fieldAt(form, path) {
	let fields = (form?.sections || []).flatMap((s) => s.fields || []);
	let found;
	for (const part of path.split('.')) {
		found = fields.find((f) => f.key === part.replace(/\[\d+\]$/, ''));
		if (!found) return undefined;
		fields = found.fields || [];
	}
	return found;
}

/**
 * The labels leading to a path, for an error summary:
 * "languages[1].level" → [{label: "Weitere Sprachen", row: 2}, {label: "Niveau"}].
 */
export function labelTrail(form, path) {
	const trail = [];
	let fields = (form?.sections || []).flatMap((s) => s.fields || []);
	for (const part of path.split('.')) {
		const m = part.match(/^([^[]+)(?:\[(\d+)\])?$/);
		const f = m && fields.find((x) => x.key === m[1]);
		if (!f) return trail;
		trail.push(m[2] === undefined ? { label: f.label } : { label: f.label, row: Number(m[2]) + 1 });
		fields = f.fields || [];
	}
	return trail;
}

/** The key of the section a path's field is in (the first path segment decides). */
export function sectionOf(form, path) {
	const key = path.split(/[.[]/)[0];
	return (form?.sections || []).find((s) => (s.fields || []).some((f) => f.key === key))?.key;
}
