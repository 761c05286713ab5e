// The intake answers of a case as read-only rows, drawn with the form
// version the person registered with (GET /api/mp/cases/{id}/form): labels,
// option labels, dates and yes/no in German. Unanswered fields are left out.

/** "2026-01-31" → "31.01.2026" (date-only values never shift by time zone). */
export function dayText(value) {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''));
	return m ? `${m[3]}.${m[2]}.${m[1]}` : String(value ?? '');
}

function optionLabel(field, value) {
	return (field.options || []).find((o) => o.value === value)?.label ?? String(value);
}

/**
 * The text of one answer; null when there is none. words: {yes, no, given, refused}.
 * File answers are lists of stored file names (shown as such).
 */
export function answerText(field, value, words) {
	if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return null;
	switch (field.type) {
		case 'boolean':
			return value ? words.yes : words.no;
		case 'calculated':
			if (typeof value === 'boolean') return value ? words.yes : words.no;
			return typeof value === 'number' ? new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(value) : String(value);
		case 'consent':
			return value === true ? words.given : words.refused;
		case 'choice':
			return optionLabel(field, value);
		case 'multichoice':
			return (Array.isArray(value) ? value : [value]).map((v) => optionLabel(field, v)).join(', ');
		case 'date':
			return dayText(value);
		case 'number':
		case 'integer':
			return typeof value === 'number' ? new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(value) : String(value);
		case 'file':
			return (Array.isArray(value) ? value : [value]).join(', ');
		default:
			return typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
}

function rowsOf(fields, container, words, parent) {
	const rows = [];
	for (const f of fields || []) {
		if (f.type === 'info') continue;
		const path = parent ? `${parent}.${f.key}` : f.key;
		const value = container?.[f.key];
		if (f.type === 'repeat') {
			const items = (Array.isArray(value) ? value : [])
				.map((row, i) => ({ index: i + 1, rows: rowsOf(f.fields, row, words, `${path}[${i}]`) }))
				.filter((r) => r.rows.length);
			if (items.length) rows.push({ path, label: f.label, items });
			continue;
		}
		const text = answerText(f, value, words);
		if (text !== null) rows.push({ path, label: f.label, text, files: f.type === 'file' ? [].concat(value) : undefined });
	}
	return rows;
}

/** Sections with their answered rows: [{key, title, rows: [{path, label, text} | {path, label, items: [{index, rows}]}]}]. */
export function answerSections(form, answers, words) {
	return (form?.sections || [])
		.map((s) => ({ key: s.key, title: s.title, rows: rowsOf(s.fields, answers || {}, words, '') }))
		.filter((s) => s.rows.length);
}
