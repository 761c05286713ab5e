// The registration draft, kept on the device per Träger and offer so that a
// reload or a lost connection loses nothing. It holds the answers, language,
// current step, the consents given, the idempotency key of its submission and,
// once sent, the request itself (so a reload resumes the very same request).
import { uuid } from './uuid.js';

const VERSION = 1;

export const draftKey = (tenant, offer) => `mp.draft.${tenant}.${offer}`;

export function newDraft({ language, answers = {}, makeId = uuid } = {}) {
	return { v: VERSION, key: makeId(), answers, language, step: null, consents: {}, request: null, savedAt: null };
}

/** The stored draft, or null when there is none or it is unreadable. */
export function loadDraft(storage, tenant, offer) {
	try {
		const d = JSON.parse(storage.getItem(draftKey(tenant, offer)));
		if (!d || d.v !== VERSION || typeof d.key !== 'string' || typeof d.answers !== 'object' || !d.answers) return null;
		return { consents: {}, step: null, request: null, ...d };
	} catch {
		return null;
	}
}

/** Saves; returns false when storage is full or blocked (the page goes on). */
export function saveDraft(storage, tenant, offer, draft, now = Date.now()) {
	try {
		storage.setItem(draftKey(tenant, offer), JSON.stringify({ ...draft, v: VERSION, savedAt: now }));
		return true;
	} catch {
		return false;
	}
}

export function clearDraft(storage, tenant, offer) {
	try {
		storage.removeItem(draftKey(tenant, offer));
	} catch {
		/* nothing to do */
	}
}
