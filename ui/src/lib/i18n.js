// Pure i18n helpers: language choice, direction, flattening and formatting.
// The reactive locale (current language, loaded messages) lives in locale.svelte.js.

/** Languages of the participant pages, German first. */
export const PARTICIPANT_LANGUAGES = ['de', 'en', 'ar', 'fa', 'uk', 'ru', 'tr'];

/** Each language's name in itself, for the language picker. */
export const NATIVE_NAMES = {
	de: 'Deutsch',
	en: 'English',
	ar: 'العربية',
	fa: 'فارسی / دری',
	uk: 'Українська',
	ru: 'Русский',
	tr: 'Türkçe',
};

/** Right-to-left languages (docs/API.md: ar, fa, prs = Dari, ps, ckb). */
const RTL = new Set(['ar', 'fa', 'prs', 'ps', 'ckb', 'he', 'ur']);

/** Browser tags that map onto a language we have under another code. */
const ALIASES = { prs: 'fa', 'fa-af': 'fa', ua: 'uk' };

export function dirOf(lang) {
	return RTL.has(String(lang).toLowerCase().split('-')[0]) ? 'rtl' : 'ltr';
}

/**
 * The first of the preferred tags (e.g. navigator.languages) we support,
 * matching "fa-AF" to "fa" and "prs" (Dari) to "fa"; else the first available.
 */
export function pickLanguage(preferred, available = PARTICIPANT_LANGUAGES) {
	for (const raw of preferred || []) {
		if (!raw) continue;
		const tag = String(raw).toLowerCase();
		const base = tag.split('-')[0];
		for (const c of [ALIASES[tag], tag, ALIASES[base], base]) {
			if (c && available.includes(c)) return c;
		}
	}
	return available[0];
}

/** {a: {b: "x"}} → {"a.b": "x"} */
export function flatten(obj, prefix = '', out = {}) {
	for (const [k, v] of Object.entries(obj || {})) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
		else out[key] = v;
	}
	return out;
}

/** Replaces {name} placeholders; unknown placeholders stay as they are. */
export function format(template, params) {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}

/**
 * Text for a server error item {code, message}: our translation of the code
 * (key "errors.<code>") when we have one, else the server's message, else a
 * generic text. `lookup(key)` returns undefined for a missing key. Client-side
 * items may carry `params` for the placeholders.
 */
export function errorText(lookup, item, params = item?.params) {
	if (!item) return '';
	const own = item.code && lookup(`errors.${item.code}`, params);
	// "{min}" left over: the server sent no parameters, its own message is better.
	if (own && !(item.message && /\{\w+\}/.test(own))) return own;
	return item.message || own || lookup('errors.unexpected') || 'Error';
}
