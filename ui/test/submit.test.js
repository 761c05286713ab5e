import { describe, expect, it, vi } from 'vitest';
import { backoff, isPowError, submitWithRetry } from '../src/lib/submit.js';

const json = (status, body, headers = {}) =>
	new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** A fetch that answers from a script: an Error entry rejects (dropped connection). */
function scriptedFetch(script) {
	const calls = [];
	const f = vi.fn(async (url, init) => {
		calls.push({ url, key: init.headers['Idempotency-Key'], body: init.body, type: init.headers['Content-Type'] });
		const next = script.shift();
		if (next instanceof Error) throw next;
		return next();
	});
	return { f, calls };
}

const noSleep = vi.fn(async () => {});
const ok = () => json(201, { reference: 'BWTW-2026-00042', submission: 'abc', claim: 'secret' });

describe('submitWithRetry', () => {
	it('resends after a dropped connection with the same Idempotency-Key', async () => {
		const { f, calls } = scriptedFetch([new TypeError('Failed to fetch'), new TypeError('network'), ok]);
		const states = [];
		const sleep = vi.fn(async () => {});
		const res = await submitWithRetry({ url: '/s', key: 'key-1', body: () => '{"a":1}', fetch: f, sleep, onState: (s) => states.push(s) });
		expect(res).toMatchObject({ ok: true, status: 201, data: { reference: 'BWTW-2026-00042' } });
		expect(calls.map((c) => c.key)).toEqual(['key-1', 'key-1', 'key-1']);
		expect(calls.every((c) => c.body === '{"a":1}' && c.type === 'application/json')).toBe(true);
		expect(sleep.mock.calls.map((c) => c[0])).toEqual([1000, 2000]);
		expect(states.filter((s) => s.phase === 'waiting').length).toBe(2);
	});

	it('retries an overloaded server and honours Retry-After', async () => {
		const { f } = scriptedFetch([() => json(503, { status: 503, message: 'busy' }), () => json(429, {}, { 'Retry-After': '7' }), ok]);
		const sleep = vi.fn(async () => {});
		const res = await submitWithRetry({ url: '/s', key: 'k', body: () => '{}', fetch: f, sleep });
		expect(res.ok).toBe(true);
		expect(sleep.mock.calls.map((c) => c[0])).toEqual([1000, 7000]);
	});

	it('returns field errors of a 400 without retrying', async () => {
		const body = { status: 400, message: 'Validation failed.', data: { birth_date: { code: 'too_young', message: '…' } } };
		const { f } = scriptedFetch([() => json(400, body)]);
		const res = await submitWithRetry({ url: '/s', key: 'k', body: () => '{}', fetch: f, sleep: noSleep });
		expect(res).toEqual({ ok: false, status: 400, data: body });
		expect(f).toHaveBeenCalledTimes(1);
	});

	it('solves a new proof of work after a pow error and resends at once', async () => {
		const powErr = () => json(400, { status: 400, message: 'x', data: { pow: { code: 'pow_invalid', message: 'x' } } });
		const { f, calls } = scriptedFetch([powErr, ok]);
		let pow = 'old';
		const refreshPow = vi.fn(async () => (pow = 'new'));
		const sleep = vi.fn(async () => {});
		const res = await submitWithRetry({ url: '/s', key: 'k', body: () => JSON.stringify({ pow }), fetch: f, sleep, refreshPow });
		expect(res.ok).toBe(true);
		expect(refreshPow).toHaveBeenCalledTimes(1);
		expect(calls.map((c) => c.body)).toEqual(['{"pow":"old"}', '{"pow":"new"}']);
		expect(calls[0].key).toBe(calls[1].key);
		expect(sleep).not.toHaveBeenCalled();
	});

	it('gives up on pow errors after the allowed refreshes', async () => {
		const powErr = () => json(400, { data: { _form: { code: 'pow_expired' } } });
		const { f } = scriptedFetch([powErr, powErr, powErr]);
		const res = await submitWithRetry({ url: '/s', key: 'k', body: () => '{}', fetch: f, sleep: noSleep, refreshPow: async () => {}, powRetries: 2 });
		expect(res).toMatchObject({ ok: false, status: 400 });
		expect(f).toHaveBeenCalledTimes(3);
	});

	it('sends FormData without a JSON content type', async () => {
		const { f, calls } = scriptedFetch([ok]);
		const fd = new FormData();
		fd.append('payload', '{}');
		await submitWithRetry({ url: '/s', key: 'k', body: () => fd, fetch: f, sleep: noSleep });
		expect(calls[0].type).toBeUndefined();
		expect(calls[0].body).toBe(fd);
	});

	it('takes idempotency_key_reused (409) as final', async () => {
		const body = { status: 409, message: 'x', data: { _form: { code: 'idempotency_key_reused', message: 'x' } } };
		const { f } = scriptedFetch([() => json(409, body)]);
		const res = await submitWithRetry({ url: '/s', key: 'k', body: () => '{}', fetch: f, sleep: noSleep });
		expect(res).toEqual({ ok: false, status: 409, data: body });
	});

	it('stops when aborted', async () => {
		const ctrl = new AbortController();
		const { f } = scriptedFetch([new TypeError('x'), new TypeError('x')]);
		const sleep = async () => ctrl.abort();
		await expect(submitWithRetry({ url: '/s', key: 'k', body: () => '{}', fetch: f, sleep, signal: ctrl.signal })).rejects.toThrow();
		expect(f).toHaveBeenCalledTimes(1);
	});
});

describe('helpers', () => {
	it('backs off exponentially up to a cap', () => {
		expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoff(n))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
	});
	it('recognises proof-of-work errors', () => {
		expect(isPowError({ pow: { code: 'x' } })).toBe(true);
		expect(isPowError({ _form: { code: 'pow_expired' } })).toBe(true);
		expect(isPowError({ first_name: { code: 'validation_required' } })).toBe(false);
		expect(isPowError(undefined)).toBe(false);
	});
});
