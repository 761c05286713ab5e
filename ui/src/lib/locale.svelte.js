// The reactive locale shared by every page: current language, its direction and
// its messages. Participant pages register ../i18n/*.json; staff UIs add
// ../i18n/staff/*.json on top (German only) with useCatalogs().
import { dirOf, errorText, flatten, format, pickLanguage, PARTICIPANT_LANGUAGES } from './i18n.js';

const STORAGE_KEY = 'mp.lang';

export const locale = $state({ lang: 'de', dir: 'ltr', messages: {} });

let loaders = [];
let available = PARTICIPANT_LANGUAGES;
let switching = 0; // the latest setLanguage wins when several overlap

/** Registers catalog loaders: objects {lang: () => import(json)} as from import.meta.glob. */
export function useCatalogs(langs, ...globs) {
	available = langs;
	loaders = globs.map((glob) => {
		const byLang = {};
		for (const [path, load] of Object.entries(glob)) {
			byLang[path.replace(/^.*\/|\.json$/g, '')] = load;
		}
		return byLang;
	});
}

export function languages() {
	return available;
}

/** The remembered language, else the browser's, else German. */
export function initialLanguage() {
	let stored = null;
	try {
		stored = localStorage.getItem(STORAGE_KEY);
	} catch {
		/* storage blocked */
	}
	if (stored && available.includes(stored)) return stored;
	return pickLanguage(typeof navigator !== 'undefined' ? navigator.languages || [navigator.language] : [], available);
}

export async function setLanguage(lang, { remember = true } = {}) {
	if (!available.includes(lang)) lang = available[0];
	const mine = ++switching;
	const parts = await Promise.all(loaders.filter((l) => l[lang]).map((l) => l[lang]()));
	if (mine !== switching) return;
	const messages = {};
	for (const p of parts) Object.assign(messages, flatten(p.default || p));
	locale.lang = lang;
	locale.dir = dirOf(lang);
	locale.messages = messages;
	if (typeof document !== 'undefined') {
		document.documentElement.lang = lang;
		document.documentElement.dir = locale.dir;
	}
	if (remember) {
		try {
			localStorage.setItem(STORAGE_KEY, lang);
		} catch {
			/* storage blocked: the choice holds for this page view */
		}
	}
}

/** Translation, or undefined when the key is missing. */
export function lookup(key, params) {
	const m = locale.messages[key];
	return m === undefined ? undefined : format(m, params);
}

/** Translation; a missing key shows as the key itself (the parity test prevents that). */
export function t(key, params) {
	return lookup(key, params) ?? key;
}

/** Text for a server error item {code, message}, see errorText. */
export function te(item, params) {
	return errorText(lookup, item, params);
}
