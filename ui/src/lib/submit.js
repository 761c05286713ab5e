// Sending a submission so that it lands exactly once: every attempt carries
// the same Idempotency-Key (one per draft), a dropped connection or an
// overloaded server is retried with exponential backoff, and a rejected proof
// of work is solved again and resent at once.

/**
 * Statuses worth retrying: the server did not (finally) process the request.
 * Not 409: the server's idempotency_key_reused (same key, other request) is final.
 */
const RETRY = new Set([408, 425, 429, 500, 502, 503, 504]);

export function backoff(attempt, { base = 1000, max = 30000 } = {}) {
	return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/** True when a 400's error data is about the proof of work (expired, wrong). */
export function isPowError(data) {
	if (!data) return false;
	if (data.pow) return true;
	return Object.values(data).some((e) => typeof e?.code === 'string' && e.code.startsWith('pow_'));
}

function retryAfter(res) {
	const s = Number(res.headers?.get?.('Retry-After'));
	return Number.isFinite(s) && s > 0 ? s * 1000 : 0;
}

async function readJson(res) {
	try {
		return await res.json();
	} catch {
		return null;
	}
}

/**
 * submitOnce-until-answered. Options:
 *   url, key          the route and the draft's idempotency key
 *   body()            builds the request body (FormData or JSON string) per attempt
 *   refreshPow()      gets a new proof of work after a pow error (at most `powRetries` times)
 *   onState(s)        {phase: 'sending'|'waiting', attempt, delay}
 *   sleep(ms)         resolves after ms (the page also resolves it on "retry now" or `online`)
 *   signal            aborts the whole loop
 * Resolves {ok: true, status, data} on 2xx, {ok: false, status, data} on a
 * final rejection (400 with field errors, 404, 413, …).
 */
export async function submitWithRetry({
	url,
	key,
	body,
	fetch: f = globalThis.fetch,
	sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
	onState = () => {},
	refreshPow = null,
	powRetries = 2,
	signal,
	base = 1000,
	max = 30000,
}) {
	let attempt = 0;
	let failures = 0;
	let powLeft = refreshPow ? powRetries : 0;
	for (;;) {
		if (signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
		attempt++;
		onState({ phase: 'sending', attempt });
		let res = null;
		try {
			const payload = body();
			const headers = { Accept: 'application/json', 'Idempotency-Key': key };
			if (typeof payload === 'string') headers['Content-Type'] = 'application/json';
			res = await f(url, { method: 'POST', headers, body: payload, signal });
		} catch (err) {
			if (err?.name === 'AbortError') throw err;
			res = null; // dropped connection: retry below
		}
		if (res) {
			const data = await readJson(res);
			if (res.ok) return { ok: true, status: res.status, data };
			if (res.status === 400 && powLeft > 0 && isPowError(data?.data)) {
				powLeft--;
				await refreshPow();
				continue;
			}
			if (!RETRY.has(res.status)) return { ok: false, status: res.status, data };
		}
		failures++;
		const delay = Math.max(backoff(failures, { base, max }), res ? retryAfter(res) : 0);
		onState({ phase: 'waiting', attempt, delay, status: res?.status ?? 0 });
		await sleep(delay);
	}
}
