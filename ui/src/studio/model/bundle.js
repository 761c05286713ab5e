// Export and import of definitions as JSON files: a form, a workflow, or a
// whole offer (settings, form and workflow) in one file.

export const FORM_SCHEMA = 'https://multipotenzial.de/schemas/form-definition.schema.json';
export const WORKFLOW_SCHEMA = 'https://multipotenzial.de/schemas/workflow-definition.schema.json';

/** The offer's settings that travel with it (never its Träger, id or versions). */
const OFFER_FIELDS = ['slug', 'title', 'description', 'category', 'capacity', 'public'];

export function exportForm(form) {
	return JSON.stringify({ $schema: FORM_SCHEMA, ...withoutSchema(form) }, null, 2) + '\n';
}

export function exportWorkflow(wf) {
	return JSON.stringify({ $schema: WORKFLOW_SCHEMA, ...withoutSchema(wf) }, null, 2) + '\n';
}

export function exportOffer(offer, form, wf) {
	const settings = {};
	for (const k of OFFER_FIELDS) if (offer?.[k] !== undefined && offer[k] !== null && offer[k] !== '') settings[k] = offer[k];
	return JSON.stringify({ multipotenzial: 'offer', format: 1, offer: settings, form: withoutSchema(form), workflow: withoutSchema(wf) }, null, 2) + '\n';
}

function withoutSchema(d) {
	if (!d) return d;
	const { $schema: _s, ...rest } = d;
	return rest;
}

export class ImportError extends Error {
	constructor(code, detail) {
		super(detail || code);
		this.code = code;
	}
}

/**
 * What a file holds: {kind: 'form' | 'workflow' | 'offer', form?, workflow?, offer?}.
 * Throws ImportError import_json (not JSON) or import_unknown (neither).
 * The server checks the definitions themselves as soon as they are in the draft.
 */
export function parseImport(text) {
	let data;
	try {
		data = JSON.parse(text);
	} catch (err) {
		throw new ImportError('import_json', err.message);
	}
	if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ImportError('import_unknown');
	if (data.multipotenzial === 'offer') {
		const offer = {};
		for (const k of OFFER_FIELDS) if (data.offer?.[k] !== undefined) offer[k] = data.offer[k];
		return { kind: 'offer', offer, form: isForm(data.form) ? data.form : undefined, workflow: isWorkflow(data.workflow) ? data.workflow : undefined };
	}
	if (isForm(data)) return { kind: 'form', form: withoutSchema(data) };
	if (isWorkflow(data)) return { kind: 'workflow', workflow: withoutSchema(data) };
	throw new ImportError('import_unknown');
}

const isForm = (d) => !!d && typeof d === 'object' && Array.isArray(d.sections);
const isWorkflow = (d) => !!d && typeof d === 'object' && Array.isArray(d.states);

/** A file name from the offer's slug: "sprachcafe-formular.json". */
export function fileName(slug, what) {
	return `${(slug || 'angebot').replace(/[^a-z0-9-]/g, '') || 'angebot'}-${what}.json`;
}
