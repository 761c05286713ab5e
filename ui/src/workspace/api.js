// The workspace's server calls: our routes (docs/API.md, "Workspace" and
// "Cases") through lib/api.js with the staff token, the record API through the
// PocketBase SDK. Every failure is an ApiError or NetworkError (lib/api.js),
// so errorItems() and te() work the same for both.
import { api, ApiError, NetworkError } from '../lib/api.js';
import { pb } from '../lib/pb.js';
import { staffUser as me } from '../lib/staff-session.svelte.js';

const enc = encodeURIComponent;

/** The signed-in staff user, or null. */
export { me };

export function logout() {
	pb().realtime.unsubscribe().catch(() => {});
	pb().authStore.clear();
}

/** An SDK error as ApiError (status 0: no answer). */
export function sdkError(err) {
	if (err?.isAbort) return err;
	if (!err?.status) return new NetworkError(err?.message || 'network error');
	return new ApiError(err.status, err.response);
}

const auth = () => ({ Authorization: pb().authStore.token });
const call = (url, opts = {}) => api(url, { ...opts, headers: { ...auth(), ...(opts.headers || {}) } });

async function sdk(promise) {
	try {
		return await promise;
	} catch (err) {
		throw sdkError(err);
	}
}

// ---- our routes ---------------------------------------------------------------

export const getInbox = (url) => call(url);
export const getOverview = (id) => call(`/api/mp/cases/${enc(id)}/overview?lang=de`);
export const getTransitions = (id) => call(`/api/mp/cases/${enc(id)}/transitions?lang=de`);
export const getCaseForm = (id) => call(`/api/mp/cases/${enc(id)}/form?lang=de`);

export const takeTransition = (id, key, body) =>
	call(`/api/mp/cases/${enc(id)}/transitions/${enc(key)}`, { method: 'POST', body: { language: 'de', ...body } });

export const evaluateStep = (id, key, answers) =>
	call(`/api/mp/cases/${enc(id)}/transitions/${enc(key)}/evaluate`, { method: 'POST', body: { answers, language: 'de' } });

export const assignCase = (id, assignee, expectedUpdated) =>
	call(`/api/mp/cases/${enc(id)}/assign`, { method: 'POST', body: { assignee, expected_updated: expectedUpdated } });

export const getIntakeForm = (offer) => call(`/api/mp/offers/${enc(offer)}/registrations/form?lang=de`);

export const evaluateIntake = (offer, answers) =>
	call(`/api/mp/offers/${enc(offer)}/registrations/evaluate`, { method: 'POST', body: { answers, language: 'de' } });

/** body: JSON, or FormData with "payload" and the files. */
export const registerInPerson = (offer, body, key) =>
	call(`/api/mp/offers/${enc(offer)}/registrations`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });

// ---- the record API -------------------------------------------------------------

const list = (collection, filter, params, opts = {}) =>
	sdk(pb().collection(collection).getFullList({ filter: pb().filter(filter, params), requestKey: null, ...opts }));

export const listEvents = (caseId) => list('case_events', 'case = {:c}', { c: caseId }, { sort: '-created,-id' });
export const listTasks = (caseId) => list('tasks', 'case = {:c}', { c: caseId }, { sort: 'done,due,created' });
export const listTimers = (caseId) => list('timers', 'case = {:c} && status = "pending"', { c: caseId }, { sort: 'due' });
export const listNotes = (caseId) => list('case_notes', 'case = {:c}', { c: caseId }, { sort: '-created,-id' });
export const listDocuments = (caseId) => list('case_documents', 'case = {:c}', { c: caseId }, { sort: '-created,-id' });

// New records carry the caller's Träger (the create rules compare it); the
// server sets the author or uploader itself.
const tenant = () => me()?.tenant || '';

export const addNote = (caseId, body) => sdk(pb().collection('case_notes').create({ tenant: tenant(), case: caseId, body }, { requestKey: null }));

export function uploadDocument(caseId, title, file) {
	const fd = new FormData();
	fd.append('tenant', tenant());
	fd.append('case', caseId);
	fd.append('title', title);
	fd.append('file', file);
	return sdk(pb().collection('case_documents').create(fd, { requestKey: null }));
}

export const deleteDocument = (id) => sdk(pb().collection('case_documents').delete(id, { requestKey: null }));

export const updateTask = (id, data) => sdk(pb().collection('tasks').update(id, data, { requestKey: null }));

export const createTask = (caseId, data) =>
	sdk(pb().collection('tasks').create({ tenant: tenant(), case: caseId, source: 'manual', ...data }, { requestKey: null }));

/** The caller's Träger's active offers with a published form (public offers of other Träger are readable too: not these). */
export const activeOffers = () =>
	sdk(
		pb()
			.collection('offer_types')
			.getFullList({ filter: pb().filter('tenant = {:t} && status = "active" && form_version != ""', { t: tenant() }), sort: 'slug', requestKey: null }),
	);

/** A download URL of a protected file, with a fresh file token (valid a few minutes). */
export async function fileUrl(record, filename) {
	const token = await sdk(pb().files.getToken({ requestKey: null }));
	return pb().files.getURL(record, filename, { token, download: 1 });
}
