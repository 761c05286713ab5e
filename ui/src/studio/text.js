// Texts of definitions as the (German) studio shows them.

/** A text in lang: the plain string, else lang, else the neutral text, else German, else any. */
export function textOf(text, lang = 'de') {
	if (typeof text === 'string') return text;
	if (!text || typeof text !== 'object') return '';
	return text[lang] || text['*'] || text.de || Object.values(text).find(Boolean) || '';
}

/** German names of language codes the network uses; others show their code. */
export const LANGUAGE_NAMES = {
	de: 'Deutsch',
	en: 'Englisch',
	ar: 'Arabisch',
	fa: 'Persisch (Farsi)',
	prs: 'Dari',
	ps: 'Paschtu',
	ti: 'Tigrinya',
	ku: 'Kurdisch (Kurmandschi)',
	ckb: 'Kurdisch (Sorani)',
	uk: 'Ukrainisch',
	ru: 'Russisch',
	tr: 'Türkisch',
	fr: 'Französisch',
	so: 'Somali',
	es: 'Spanisch',
	pl: 'Polnisch',
	ro: 'Rumänisch',
	sq: 'Albanisch',
};

export const languageName = (code) => LANGUAGE_NAMES[code] || code;

const RTL = new Set(['ar', 'fa', 'prs', 'ps', 'ckb', 'he', 'ur']);
export const dirOfLanguage = (code) => (RTL.has(code) ? 'rtl' : 'ltr');

/** "Donnerstag" style dates are not needed: 02.03.2026, 14:05 */
export function dateTime(iso) {
	if (!iso) return '';
	const d = new Date(String(iso).replace(' ', 'T'));
	if (Number.isNaN(d.getTime())) return String(iso);
	return d.toLocaleString('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
}

/** A DOM id from a definition path: "sections[0].fields[2].visible_if" → "sections-0-fields-2-visible_if". */
export const idOf = (prefix, path) => `${prefix}-${String(path).replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`;
