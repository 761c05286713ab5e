import { describe, expect, it, vi } from 'vitest';
import { api, ApiError, errorItems, NetworkError } from '../src/lib/api.js';

const res = (status, body) => new Response(body === undefined ? '' : JSON.stringify(body), { status });

describe('api', () => {
	it('sends JSON and returns the parsed answer', async () => {
		const f = vi.fn(async () => res(200, { ok: 1 }));
		expect(await api('/x', { method: 'POST', body: { a: 1 }, fetch: f })).toEqual({ ok: 1 });
		const [, init] = f.mock.calls[0];
		expect(init.body).toBe('{"a":1}');
		expect(init.headers['Content-Type']).toBe('application/json');
	});

	it('turns the PocketBase error shape into field items', async () => {
		const body = { status: 400, message: 'Validation failed.', data: { 'languages[1].level': { code: 'validation_required', message: 'Pflicht.' } } };
		const err = await api('/x', { fetch: async () => res(400, body) }).catch((e) => e);
		expect(err).toBeInstanceOf(ApiError);
		expect(err.status).toBe(400);
		expect(errorItems(err)).toEqual(body.data);
	});

	it('gives errors without field data a client code', async () => {
		const e404 = await api('/x', { fetch: async () => res(404, { status: 404, message: 'Not found.', data: {} }) }).catch((e) => e);
		expect(errorItems(e404)).toEqual({ _form: { code: 'not_found', message: 'Not found.' } });
		const e502 = await api('/x', { fetch: async () => res(502) }).catch((e) => e);
		expect(errorItems(e502)._form.code).toBe('server_error');
		const e429 = await api('/x', { fetch: async () => res(429, {}) }).catch((e) => e);
		expect(errorItems(e429)._form.code).toBe('too_many_requests');
	});

	it('reports a dropped connection as a network error', async () => {
		const err = await api('/x', { fetch: async () => Promise.reject(new TypeError('Failed to fetch')) }).catch((e) => e);
		expect(err).toBeInstanceOf(NetworkError);
		expect(errorItems(err)).toEqual({ _form: { code: 'network' } });
	});
});
