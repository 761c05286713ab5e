// The public routes of docs/API.md the participant pages use. Relative URLs:
// PocketBase serves these pages and the API from the same origin.
import { api } from '../lib/api.js';

const base = '/api/mp/public';
const enc = encodeURIComponent;
const offerPath = (tenant, offer) => `${base}/offers/${enc(tenant)}/${enc(offer)}`;

export const listOffers = (lang) => api(`${base}/offers?lang=${enc(lang)}`);

export const getForm = (tenant, offer, lang) => api(`${offerPath(tenant, offer)}?lang=${enc(lang)}`);

export const evaluateAnswers = (tenant, offer, answers, language) =>
	api(`${offerPath(tenant, offer)}/evaluate`, { method: 'POST', body: { answers, language } });

export const submissionUrl = (tenant, offer) => `${offerPath(tenant, offer)}/submissions`;

export const getPowChallenge = () => api(`${base}/pow`);

/** Optional participant account after a submission, with the one-time claim of its 201. */
export const createAccount = ({ reference, claim, email, password }) =>
	api(`${base}/accounts`, { method: 'POST', body: { reference, claim, email, password } });

/** A participant's login (PocketBase's auth route): resolves with {token, record}. */
export const login = (email, password) =>
	api('/api/collections/participant_accounts/auth-with-password', { method: 'POST', body: { identity: email, password } });

/** The logged-in participant's own cases, labelled in lang (GET /api/mp/me/cases). */
export const myCases = (token, lang) => api(`/api/mp/me/cases?lang=${enc(lang)}`, { headers: { Authorization: token } });

// The participant's consents on their page (#/status): each with the text
// they agreed to, withdrawn as easily as given; and their own data.
const authed = (token) => ({ Authorization: token });

export const myConsents = (token, lang) => api(`/api/mp/me/consents?lang=${enc(lang)}`, { headers: authed(token) });

export const withdrawConsent = (token, id) =>
	api(`/api/mp/consents/${enc(id)}/withdraw`, { method: 'POST', body: {}, headers: authed(token) });

/** Everything stored about the person, as the readable page of the export. */
export async function myExportPage(token, { fetch: f = globalThis.fetch } = {}) {
	const res = await f('/api/mp/me/export?format=html', { headers: authed(token) });
	if (!res.ok) throw new Error(`HTTP ${res.status}`);
	return res.blob();
}
