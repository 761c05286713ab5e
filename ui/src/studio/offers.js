// New offer types: from scratch, cloned from a network template, or imported
// from a file. Pure helpers plus the one create call they share.
import { ascii, starterForm } from './model/definition.js';
import { starterWorkflow } from './model/workflow.js';
import { createOffer, failure } from './api.js';

export const CATEGORIES = ['professional', 'social', 'stabilisation'];
export const STATUSES = ['draft', 'active', 'archived'];

/** A slug from a title: "Sprachcafé Nordhausen" → "sprachcafe-nordhausen". */
export function slugFromTitle(title) {
	const s = ascii(title)
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^[^a-z]+|-+$/g, '')
		.slice(0, 50)
		.replace(/-+$/, '');
	return s || 'angebot';
}

export const validSlug = (s) => /^[a-z][a-z0-9-]{0,59}$/.test(s);

/**
 * The record of a new offer of the admin's Träger (none for a network admin:
 * a template), not public, as a draft, with the given drafts or the starters.
 */
export function offerRecord(user, { title, slug, category, description, capacity, form, workflow, regions }) {
	const data = {
		slug,
		title: typeof title === 'string' ? { de: title } : title,
		category: category || 'social',
		status: 'draft',
		public: false,
		capacity: capacity || 0,
		form_draft: form || starterForm(typeof title === 'string' ? title : title?.de || slug),
		workflow_draft: workflow || starterWorkflow(typeof title === 'string' ? title : title?.de || slug),
	};
	if (description) data.description = description;
	if (user.tenant) data.tenant = user.tenant;
	if (regions?.length) data.regions = regions;
	return data;
}

/** Creates the offer; a slug already taken in the Träger gets -2, -3 … (tries a few). */
export async function createUnique(data) {
	for (let i = 1; i <= 5; i++) {
		const slug = i === 1 ? data.slug : `${data.slug.slice(0, 55)}-${i}`;
		try {
			return await createOffer({ ...data, slug });
		} catch (err) {
			if (failure(err).data?.slug?.code !== 'validation_not_unique' || i === 5) throw err;
		}
	}
}
