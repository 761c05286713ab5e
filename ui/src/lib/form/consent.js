// A consent counts only for the text the person saw: the same consent version
// in the same language. The draft records, per consent field, what was shown
// when it was ticked; a changed language or a newly published version undoes it.

/** All consent fields of a form (top level and in repeat rows' definitions). */
export function consentFields(form) {
	const out = [];
	const walk = (fields) => {
		for (const f of fields || []) {
			if (f.type === 'consent') out.push(f);
			if (f.fields) walk(f.fields);
		}
	};
	for (const s of form?.sections || []) walk(s.fields);
	return out;
}

/** What to record when a consent is given: {version, language, purpose}. */
export function consentRecord(field, language) {
	return { purpose: field.consent?.purpose, version: field.consent?.version, language };
}

/**
 * Top-level consent keys that are ticked but were given for another text
 * (other version or language) than the one now displayed.
 */
export function staleConsents(form, answers, records, language) {
	return consentFields(form)
		.filter((f) => answers?.[f.key] === true)
		.filter((f) => {
			const r = records?.[f.key];
			return !r || r.version !== f.consent?.version || r.language !== language;
		})
		.map((f) => f.key);
}
