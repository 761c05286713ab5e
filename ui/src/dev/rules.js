// Dev only: what the server's rules would answer for fixtures/form.json.
// The real rules live in Go (forms/, rules/); this imitates them for the sample.

const MSG = {
	too_young: { de: 'Sie müssen mindestens 18 Jahre alt sein.', en: 'You must be at least 18 years old.', ar: 'يجب أن يكون عمرك 18 عامًا على الأقل.' },
};

function age(birth, today = new Date()) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(birth || '')) return null;
	const b = new Date(birth + 'T00:00:00Z');
	if (Number.isNaN(b.getTime())) return null;
	let a = today.getUTCFullYear() - b.getUTCFullYear();
	const m = today.getUTCMonth() - b.getUTCMonth();
	if (m < 0 || (m === 0 && today.getUTCDate() < b.getUTCDate())) a--;
	return a;
}

export function evaluate(answers, lang) {
	const hidden = [];
	const required = ['first_name', 'last_name', 'birth_date', 'nationality', 'work_permit', 'consent_processing'];
	const values = {};
	const errors = {};
	const a = age(answers.birth_date);
	values.age = a;
	if (a !== null && a < 18) errors.birth_date = { code: 'too_young', message: MSG.too_young[lang] || MSG.too_young.de };
	if (answers.work_permit === 'yes') required.push('permit_until');
	else hidden.push('permit_until');
	if (!answers.phone) required.push('email');
	if (answers.has_children !== true) hidden.push('section:children');
	(answers.languages || []).forEach((row, i) => {
		required.push(`languages[${i}].language`);
		if (row?.language) required.push(`languages[${i}].level`);
	});
	for (const k of ['hours', 'children_count']) {
		const v = answers[k];
		if (v !== undefined && v !== null && v !== '' && typeof v !== 'number') errors[k] = { code: 'validation_type', message: 'Diese Angabe hat ein ungültiges Format.' };
	}
	return { hidden, required, values, errors };
}
