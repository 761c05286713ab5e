// Pure edits of form definitions (docs/form-language.md): field types and
// their properties, keys, starters, moving and removing sections and fields,
// and the fields a rule may read. Every function works on plain objects and on
// Svelte $state proxies alike (it mutates in place and returns what it made).

/** Field types in the order the studio offers them. */
export const FIELD_TYPES = ['text', 'textarea', 'email', 'phone', 'number', 'integer', 'date', 'boolean', 'choice', 'multichoice', 'file', 'consent', 'info', 'calculated', 'repeat'];

const TEXTUAL = ['text', 'textarea', 'email', 'phone'];
const DISPLAY = ['info', 'calculated'];

/** Properties each type may carry (besides key and type). */
export function allowedProps(type) {
	const p = ['label', 'help', 'visible_if'];
	if (!DISPLAY.includes(type)) p.push('required', 'required_if', 'default');
	if (type !== 'info') p.push('sensitivity', 'validations');
	if (type === 'calculated') p.push('calculate', 'result');
	if (type === 'number' || type === 'integer') p.push('min', 'max');
	if (TEXTUAL.includes(type)) p.push('min_length', 'max_length', 'pattern');
	if (['multichoice', 'file', 'repeat'].includes(type)) p.push('min_items', 'max_items');
	if (type === 'choice' || type === 'multichoice') p.push('options');
	if (type === 'file') p.push('accept', 'max_size_mb');
	if (type === 'consent') p.push('consent');
	if (type === 'info') p.push('text');
	if (type === 'repeat') p.push('fields');
	return p;
}

/** Names rules know (functions, keywords: rules.ReservedNames()) plus item and the workflow's own names. */
export const RESERVED = new Set(
	`abs age all and answered any bitand bitnand bitnot bitor bitshl bitshr bitushr bitxor ceil concat contains count date days_since days_until duration else endsWith false filter find findIndex findLast findLastIndex first flatten float floor fromBase64 fromJSON fromPairs get groupBy hasPrefix hasSuffix if in includes indexOf int join keys last lastIndexOf len let lower map matches max mean median min months_since nil none not now one or reduce repeat replace reverse round sort sortBy split splitAfter startsWith string sum take timezone toBase64 toJSON toPairs today trim trimPrefix trimSuffix true type uniq upper values item case participant role step`.split(
		' ',
	),
);

const KEY = /^[a-z][a-z0-9_]{0,49}$/;

export function validKey(key) {
	return KEY.test(key) && !RESERVED.has(key);
}

/** Lower case ASCII letters for a German text: "Größe Café" → "groesse cafe". */
export function ascii(text) {
	return String(text || '')
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '');
}

/** A key from a (German) label: "Größe in cm" → "groesse_in_cm". */
export function keyFromLabel(label, fallback = 'feld') {
	let k = ascii(label)
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^[^a-z]+|_+$/g, '')
		.slice(0, 40)
		.replace(/_+$/, '');
	if (!k) k = fallback;
	if (RESERVED.has(k)) k += '_wert';
	return k;
}

/** key, or key_2, key_3 … whichever is not taken. */
export function uniqueKey(base, taken) {
	const set = taken instanceof Set ? taken : new Set(taken);
	if (!set.has(base)) return base;
	for (let i = 2; ; i++) if (!set.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Every field key of the form (sub-fields of repeat groups under "group.sub"). */
export function fieldKeys(form) {
	const out = new Set();
	for (const s of form?.sections || []) for (const f of s.fields || []) out.add(f.key);
	return out;
}

/** A text in German only. */
export const de = (s) => ({ de: s });

/** A new field of type with a German label, its key unique among taken. */
export function newField(type, label, taken = []) {
	const key = uniqueKey(keyFromLabel(label), taken);
	const f = { key, type };
	if (type === 'info') {
		if (label) f.label = de(label);
		f.text = de('');
	} else {
		f.label = de(label || key);
	}
	return completeType(f);
}

/** Adds what a type needs (options of a choice, a consent's purpose …). */
function completeType(f) {
	if ((f.type === 'choice' || f.type === 'multichoice') && !f.options?.length) {
		f.options = [{ value: 'option_1', label: de('Option 1') }, { value: 'option_2', label: de('Option 2') }];
	}
	if (f.type === 'consent' && !f.consent) f.consent = { purpose: 'data_processing', version: '1', text: de('') };
	if (f.type === 'calculated' && f.calculate === undefined) f.calculate = '';
	if (f.type === 'info' && f.text === undefined) f.text = de('');
	if (f.type === 'repeat' && !f.fields?.length) f.fields = [{ key: 'eintrag', type: 'text', label: de('Eintrag') }];
	return f;
}

/** Changes a field's type, dropping the properties the new type does not have. */
export function changeType(field, type) {
	const keep = new Set(['key', 'type', ...allowedProps(type)]);
	for (const k of Object.keys(field)) if (!keep.has(k)) delete field[k];
	field.type = type;
	if (type !== 'info' && !field.label) field.label = de(field.key);
	return completeType(field);
}

/** Sets a property; undefined, '' and empty lists remove it (absent means "not set"). */
export function setProp(obj, prop, value) {
	if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) delete obj[prop];
	else obj[prop] = value;
}

/** Moves list[from] to index to, in place. */
export function move(list, from, to) {
	if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return list;
	const [item] = list.splice(from, 1);
	list.splice(to, 0, item);
	return list;
}

/**
 * Moves the field at {s, f, sub} one place up (dir -1) or down (+1): past
 * the first or last field of its section into the neighbouring section (the
 * keyboard's way to move a field across sections); a sub-field stays in its
 * group. Returns the new place, or null when it cannot move.
 */
export function shiftField(form, { s, f, sub }, dir) {
	const sections = form.sections;
	if (sub !== undefined && sub !== null) {
		const list = sections[s].fields[f].fields;
		const to = sub + dir;
		if (to < 0 || to >= list.length) return null;
		move(list, sub, to);
		return { s, f, sub: to };
	}
	const list = sections[s].fields;
	const to = f + dir;
	if (to >= 0 && to < list.length) {
		move(list, f, to);
		return { s, f: to };
	}
	const next = s + dir;
	if (next < 0 || next >= sections.length) return null;
	const [field] = list.splice(f, 1);
	const target = (sections[next].fields ||= []);
	if (dir < 0) {
		target.push(field);
		return { s: next, f: target.length - 1 };
	}
	target.unshift(field);
	return { s: next, f: 0 };
}

/**
 * Moves a field to another place (drag and drop): from {s, f, sub} to the
 * list of section s2 (or of the group at s2/f2) before index i. Sub-fields
 * stay in their group. Returns the new place or null.
 */
export function moveField(form, from, to) {
	const inGroup = from.sub !== undefined && from.sub !== null;
	if (inGroup !== (to.f !== undefined && to.f !== null)) return null;
	const list = inGroup ? form.sections[from.s].fields[from.f].fields : form.sections[from.s].fields;
	const target = inGroup ? form.sections[to.s].fields[to.f]?.fields : form.sections[to.s]?.fields;
	if (!target || (inGroup && (to.s !== from.s || to.f !== from.f))) return null;
	const index = inGroup ? from.sub : from.f;
	let at = to.i;
	if (list === target && at > index) at--;
	const [field] = list.splice(index, 1);
	target.splice(at, 0, field);
	return inGroup ? { s: to.s, f: to.f, sub: at } : { s: to.s, f: at };
}

/** A new section with one text field. */
export function newSection(title, form) {
	const keys = (form?.sections || []).map((s) => s.key);
	return {
		key: uniqueKey(keyFromLabel(title, 'abschnitt'), keys),
		title: de(title),
		fields: [newField('text', 'Neues Feld', fieldKeys(form))],
	};
}

/** The starting form of a new offer: an intake needs first and last name (they fill the participant record). */
export function starterForm(title) {
	return {
		title: de(title),
		languages: ['de'],
		sections: [
			{
				key: 'person',
				title: de('Zur Person'),
				fields: [
					{ key: 'first_name', type: 'text', required: true, max_length: 100, label: de('Vorname') },
					{ key: 'last_name', type: 'text', required: true, max_length: 100, label: de('Nachname') },
				],
			},
		],
	};
}

// ---- paths ------------------------------------------------------------------------------

/** Where an element sits: {s, f, sub} indices → its path in the definition. */
export function pathOf({ s, f, sub }) {
	let p = `sections[${s}]`;
	if (f !== undefined && f !== null) p += `.fields[${f}]`;
	if (sub !== undefined && sub !== null) p += `.fields[${sub}]`;
	return p;
}

/** Finds obj (a section or field) in the form: {s, f, sub} or null. */
export function locate(form, obj) {
	const sections = form?.sections || [];
	for (let s = 0; s < sections.length; s++) {
		if (sections[s] === obj) return { s };
		const fields = sections[s].fields || [];
		for (let f = 0; f < fields.length; f++) {
			if (fields[f] === obj) return { s, f };
			const subs = fields[f].fields || [];
			for (let sub = 0; sub < subs.length; sub++) if (subs[sub] === obj) return { s, f, sub };
		}
	}
	return null;
}

/**
 * The section or field a diagnostic path belongs to: the deepest "sections[i]",
 * "sections[i].fields[j]" or "sections[i].fields[j].fields[k]" prefix, as indices.
 */
export function ownerOf(path) {
	const m = String(path).match(/^sections\[(\d+)\](?:\.fields\[(\d+)\](?:\.fields\[(\d+)\])?)?/);
	if (!m) return null;
	const n = (x) => (x === undefined ? undefined : Number(x));
	return { s: n(m[1]), f: n(m[2]), sub: n(m[3]) };
}

// ---- the fields rules may read ---------------------------------------------------------

/** The type a field has in rules (docs/form-language.md, "Type in rules"). */
export function ruleType(field) {
	switch (field.type) {
		case 'number':
		case 'integer':
			return 'number';
		case 'date':
			return 'date';
		case 'boolean':
		case 'consent':
			return 'bool';
		case 'multichoice':
		case 'file':
			return 'list';
		case 'repeat':
			return 'rows';
		case 'calculated':
			return { number: 'number', text: 'text', boolean: 'bool', date: 'date' }[field.result || 'number'];
		case 'info':
			return null;
		default:
			return 'text';
	}
}

/**
 * The names a form rule at `group` (the key of the repeat group the rule is
 * in, or null) may read: every field but info texts, and inside a group its
 * row as item.<sub>. Each: {name, type, label, options}.
 */
export function ruleFields(form, group = null) {
	const out = [];
	const add = (name, f) => {
		const type = ruleType(f);
		if (type) out.push({ name, type, label: f.label, options: (f.options || []).map((o) => o.value) });
	};
	for (const s of form?.sections || []) {
		for (const f of s.fields || []) {
			add(f.key, f);
			if (f.type === 'repeat' && f.key === group) for (const sub of f.fields || []) add(`item.${sub.key}`, sub);
		}
	}
	return out;
}
