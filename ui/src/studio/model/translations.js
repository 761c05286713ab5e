// Which texts of a definition exist in which language: the studio's view of
// missing translations (the server warns with translation_missing too, but
// only after a check; this is immediate and lists every text).

/** A text is a plain string (the same in every language) or {de: …, en: …}. */
export function hasLanguage(text, lang) {
	if (typeof text === 'string') return text.trim() !== '';
	if (!text || typeof text !== 'object') return false;
	return !!(text[lang]?.trim() || text['*']?.trim());
}

/** Staff texts of a workflow are checked for German and English only (docs/workflow-language.md). */
const STAFF = ['de', 'en'];

function fieldTexts(f, path, out, langs) {
	const add = (p, text, required = false) => (text !== undefined || required) && out.push({ path: `${path}.${p}`, text, langs });
	add('label', f.label, f.type !== 'info');
	add('help', f.help);
	if (f.type === 'info') add('text', f.text, true);
	(f.options || []).forEach((o, i) => typeof o.label !== 'string' && add(`options[${i}].label`, o.label, true));
	(f.validations || []).forEach((v, i) => add(`validations[${i}].message`, v.message, true));
	if (f.consent) add('consent.text', f.consent.text, true);
	(f.fields || []).forEach((sub, i) => fieldTexts(sub, `${path}.fields[${i}]`, out, langs));
}

/** Every text of a form: [{path, text, langs}] (langs: the languages it should have). */
export function formTexts(form) {
	const langs = form?.languages || ['de'];
	const out = [{ path: 'title', text: form?.title, langs }];
	if (form?.description !== undefined) out.push({ path: 'description', text: form.description, langs });
	(form?.sections || []).forEach((s, i) => {
		out.push({ path: `sections[${i}].title`, text: s.title, langs });
		if (s.description !== undefined) out.push({ path: `sections[${i}].description`, text: s.description, langs });
		(s.fields || []).forEach((f, j) => fieldTexts(f, `sections[${i}].fields[${j}]`, out, langs));
	});
	return out;
}

function actionTexts(a, path, out, all, staff) {
	if (a.type === 'task') out.push({ path: `${path}.title`, text: a.title, langs: staff });
	if (a.type === 'notify') {
		const langs = a.to === 'participant' ? all : staff;
		out.push({ path: `${path}.subject`, text: a.subject, langs }, { path: `${path}.body`, text: a.body, langs });
	}
	(a.actions || []).forEach((x, i) => actionTexts(x, `${path}.actions[${i}]`, out, all, staff));
}

/** Every text of a workflow; state labels and participant emails in every language, the rest de/en. */
export function workflowTexts(wf) {
	const all = wf?.languages || ['de'];
	const staff = all.filter((l) => STAFF.includes(l));
	const out = [{ path: 'title', text: wf?.title, langs: staff }];
	if (wf?.description !== undefined) out.push({ path: 'description', text: wf.description, langs: staff });
	(wf?.case_fields || []).forEach((c, i) => {
		out.push({ path: `case_fields[${i}].label`, text: c.label, langs: staff });
		(c.options || []).forEach((o, j) => typeof o.label !== 'string' && out.push({ path: `case_fields[${i}].options[${j}].label`, text: o.label, langs: staff }));
	});
	(wf?.states || []).forEach((s, i) => {
		out.push({ path: `states[${i}].label`, text: s.label, langs: all });
		(s.sla?.actions || []).forEach((a, j) => actionTexts(a, `states[${i}].sla.actions[${j}]`, out, all, staff));
		(s.on_enter || []).forEach((a, j) => actionTexts(a, `states[${i}].on_enter[${j}]`, out, all, staff));
	});
	(wf?.transitions || []).forEach((t, i) => {
		const p = `transitions[${i}]`;
		out.push({ path: `${p}.label`, text: t.label, langs: staff });
		if (t.guard !== undefined || t.guard_reason !== undefined) out.push({ path: `${p}.guard_reason`, text: t.guard_reason, langs: staff });
		if (t.step_form?.description !== undefined) out.push({ path: `${p}.step_form.description`, text: t.step_form.description, langs: staff });
		(t.step_form?.fields || []).forEach((f, j) => fieldTexts(f, `${p}.step_form.fields[${j}]`, out, staff));
		(t.actions || []).forEach((a, j) => actionTexts(a, `${p}.actions[${j}]`, out, all, staff));
	});
	return out;
}

/**
 * Coverage per language: {lang: {total, missing: [path…]}} over the texts
 * that should exist in lang. German missing is an error on the server
 * (text_missing), any other a warning (translation_missing).
 */
export function coverage(texts, languages) {
	const out = {};
	for (const lang of languages) out[lang] = { total: 0, missing: [] };
	for (const t of texts) {
		for (const lang of t.langs) {
			if (!out[lang]) continue;
			out[lang].total++;
			if (!hasLanguage(t.text, lang)) out[lang].missing.push(t.path);
		}
	}
	return out;
}

/** Percentage of the texts present, 100 for none. */
export function percent(c) {
	return c.total ? Math.floor((100 * (c.total - c.missing.length)) / c.total) : 100;
}
