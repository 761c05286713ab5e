// JSON over fetch with PocketBase's error shape (docs/API.md):
// {"status": 400, "message": "…", "data": {"<path>": {"code": "…", "message": "…"}}}

export class ApiError extends Error {
	constructor(status, body) {
		super(body?.message || `HTTP ${status}`);
		this.status = status;
		this.data = body?.data && typeof body.data === 'object' ? body.data : {};
	}
}

/** The request never got an answer (offline, dropped connection, DNS). */
export class NetworkError extends Error {}

async function readJson(res) {
	try {
		return await res.json();
	} catch {
		return null;
	}
}

/**
 * fetch + JSON. body: an object (sent as JSON) or FormData. Resolves with the
 * parsed body; rejects with ApiError (non-2xx) or NetworkError.
 */
export async function api(url, { method = 'GET', body, headers = {}, signal, fetch: f = globalThis.fetch } = {}) {
	const init = { method, headers: { Accept: 'application/json', ...headers }, signal };
	if (body instanceof FormData) init.body = body;
	else if (body !== undefined) {
		init.body = JSON.stringify(body);
		init.headers['Content-Type'] = 'application/json';
	}
	let res;
	try {
		res = await f(url, init);
	} catch (err) {
		if (err?.name === 'AbortError') throw err;
		throw new NetworkError(err?.message || 'network error');
	}
	const data = await readJson(res);
	if (!res.ok) throw new ApiError(res.status, data);
	return data;
}

/**
 * The error items of an ApiError keyed by field path ("_form" for the form
 * as a whole). Other failures become one "_form" item with a client code.
 */
export function errorItems(err) {
	if (err instanceof ApiError) {
		const items = { ...err.data };
		if (!Object.keys(items).length) items._form = { code: statusCode(err.status), message: err.message };
		return items;
	}
	if (err instanceof NetworkError) return { _form: { code: 'network' } };
	return { _form: { code: 'unexpected', message: err?.message } };
}

/** Client-side codes for responses without field data. */
export function statusCode(status) {
	if (status === 404) return 'not_found';
	if (status === 413) return 'too_large';
	if (status === 429) return 'too_many_requests';
	if (status >= 500) return 'server_error';
	return 'unexpected';
}
