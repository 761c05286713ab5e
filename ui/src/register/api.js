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

/** Optional participant account after a submission (route added by the back end). */
export const createAccount = ({ reference, email, password }) => api(`${base}/accounts`, { method: 'POST', body: { reference, email, password } });
