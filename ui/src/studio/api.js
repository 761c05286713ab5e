// The studio's calls: the record API through the PocketBase SDK (offer types,
// versions, staff, cases; the API rules scope everything to the admin's
// Träger) and the /api/mp/ routes for checking, previewing and publishing.
import { pb } from '../lib/pb.js';

/** The signed-in staff account, or null. */
export function me() {
	const rec = pb().authStore.record;
	return pb().authStore.isValid && rec?.collectionName === 'users' ? rec : null;
}

export const isAdmin = (user) => user?.role === 'tenant_admin' || user?.role === 'network_admin';

export async function login(email, password) {
	return pb().collection('users').authWithPassword(email, password);
}

export function logout() {
	pb().authStore.clear();
}

/** {status, data: {path: {code, message}}, message} of a failed request; status 0 without an answer. */
export function failure(err) {
	const body = err?.response || {};
	return { status: err?.status || 0, message: body.message || err?.message || '', data: body.data && typeof body.data === 'object' ? body.data : {} };
}

const post = (path, body) => pb().send(path, { method: 'POST', body });

// ---- offer types ------------------------------------------------------------------------

/** Without the drafts (they can be large): what the lists show. */
const LIST_FIELDS = 'id,tenant,slug,title,description,category,capacity,public,status,regions,form_version,workflow_version,updated';

/** The admin's own offers: a Träger's (tenant admin) or the network templates (network admin). */
export function listOffers(user) {
	return pb()
		.collection('offer_types')
		.getFullList({ filter: pb().filter('tenant = {:t}', { t: user.tenant || '' }), sort: '-updated', fields: LIST_FIELDS });
}

/** Published network templates (visible to all staff). */
export function listTemplates() {
	return pb().collection('offer_types').getFullList({ filter: 'tenant = "" && form_version != ""', sort: 'slug', fields: LIST_FIELDS });
}

export const getOffer = (id) => pb().collection('offer_types').getOne(id);
export const createOffer = (data) => pb().collection('offer_types').create(data);
export const updateOffer = (id, data) => pb().collection('offer_types').update(id, data);

export const listRegions = () => pb().collection('regions').getFullList({ sort: 'name' });
export const getTenant = (id) => pb().collection('tenants').getOne(id);

// ---- versions ---------------------------------------------------------------------------

/** The version history of kind (form or workflow), newest first, with who published. */
export function versions(kind, offerId) {
	return pb()
		.collection(`${kind}_versions`)
		.getFullList({
			filter: pb().filter('offer_type = {:o}', { o: offerId }),
			sort: '-version',
			expand: 'published_by',
			fields: 'id,version,created,note,published_by,expand.published_by.name,expand.published_by.email',
		});
}

/** One version with its definition. */
export const version = (kind, id) => pb().collection(`${kind}_versions`).getOne(id);

export const publish = (kind, offerId, definition, note) => post(`/api/mp/offers/${offerId}/${kind}/publish`, { definition, note });

// ---- checking and previewing drafts --------------------------------------------------------

export const checkForm = (definition) => post('/api/mp/definitions/check', { kind: 'form', definition });
export const checkWorkflow = (definition, form, offer) => post('/api/mp/definitions/check-workflow', { definition, form, offer });
export const preview = (definition, language, answers) => post('/api/mp/definitions/preview', { definition, language, answers });
export const evaluate = (definition, answers, language) => post('/api/mp/definitions/evaluate', { definition, answers, language });

// ---- simulation and migration ------------------------------------------------------------------

/** Runs a scenario on a workflow draft in memory (nothing is stored); guards read the offer's published form. */
export const simulate = (definition, offer, scenario) => post('/api/mp/workflows/simulate', { definition, offer, scenario });

/** Moves (or with dryRun only counts) the open cases of an older workflow version to the current one. */
export const migrate = (offerId, fromVersion, mapping, dryRun) =>
	post(`/api/mp/offers/${offerId}/workflow/migrate`, { from_version: fromVersion, mapping, dry_run: dryRun });

/** How many open cases a workflow version has (one count query, no rows). */
export async function openCases(offerId, versionId) {
	const res = await pb()
		.collection('cases')
		.getList(1, 1, { filter: pb().filter('offer_type = {:o} && workflow_version = {:v} && closed = ""', { o: offerId, v: versionId }), fields: 'id' });
	return res.totalItems;
}

// ---- cases ----------------------------------------------------------------------------------

export function listCases(offerId) {
	return pb()
		.collection('cases')
		.getList(1, 50, { filter: pb().filter('offer_type = {:o}', { o: offerId }), sort: '-created', fields: 'id,reference,state,opened,closed,workflow_version' });
}

// ---- staff ----------------------------------------------------------------------------------

export function listStaff(user) {
	return pb().collection('users').getFullList({ filter: pb().filter('tenant = {:t}', { t: user.tenant }), sort: 'name,email' });
}

/** A counsellor in the admin's Träger with a random password, who then sets their own through the reset mail. */
export async function invite(user, { name, email }) {
	const password = randomPassword();
	const rec = await pb()
		.collection('users')
		.create({ email, name, role: 'counsellor', tenant: user.tenant, password, passwordConfirm: password, disabled: false });
	await pb().collection('users').requestPasswordReset(email);
	return rec;
}

export const updateStaff = (id, data) => pb().collection('users').update(id, data);

function randomPassword() {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
