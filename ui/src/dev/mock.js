// Dev only: a stand-in for the /api/mp/public routes of docs/API.md, served by
// the Vite dev server (`npm run dev`). Never part of the production build:
// only vite.config.js imports it, and only for `vite serve`.
//   MOCK_DROP=2   drop the first 2 submission attempts (to watch the retry)
//   MOCK_DELAY=800 delay every answer by 800 ms (slow connection)
import { readFileSync } from 'node:fs';
import { getAt } from '../lib/form/paths.js';
import { verify } from '../lib/pow/solve.js';
import { evaluate } from './rules.js';

const fixture = (name) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const LANGS = ['de', 'en', 'ar', 'fa', 'uk', 'ru', 'tr'];
const RTL = ['ar', 'fa'];
const DIFFICULTY = 14;

/** Picks one language out of every {de: …, en: …} object, falling back to German. */
export function localize(v, lang) {
	if (Array.isArray(v)) return v.map((x) => localize(x, lang));
	if (v && typeof v === 'object') {
		const keys = Object.keys(v);
		if (keys.length && keys.includes('de') && keys.every((k) => LANGS.includes(k))) return v[lang] ?? v.de;
		return Object.fromEntries(keys.map((k) => [k, localize(v[k], lang)]));
	}
	return v;
}

const send = (res, status, body) => {
	res.statusCode = status;
	res.setHeader('Content-Type', 'application/json');
	res.end(JSON.stringify(body));
};

async function readBody(req) {
	const chunks = [];
	for await (const c of req) chunks.push(c);
	const buf = Buffer.concat(chunks);
	const type = req.headers['content-type'] || '';
	if (type.startsWith('multipart/form-data')) {
		const fd = await new Request('http://mock/', { method: 'POST', headers: { 'content-type': type }, body: buf }).formData();
		const body = JSON.parse(fd.get('payload') || '{}');
		body._files = [...fd.entries()].filter(([k]) => k !== 'payload').map(([k, f]) => `${k}:${f.name}:${f.size}`);
		return body;
	}
	return buf.length ? JSON.parse(buf.toString('utf8')) : {};
}

export function devApi() {
	const submissions = new Map(); // idempotency key → {hash, out}
	const challenges = new Set();
	const claims = new Set(); // "reference:claim", one-time
	let drops = Number(process.env.MOCK_DROP || 0);
	let counter = 41;
	const delay = Number(process.env.MOCK_DELAY || 0);

	async function handle(req, res) {
		const url = new URL(req.url, 'http://mock');
		const lang = LANGS.includes(url.searchParams.get('lang')) ? url.searchParams.get('lang') : 'de';
		const parts = url.pathname.replace(/^\/api\/mp\/public\/?/, '').split('/').filter(Boolean);
		if (delay) await new Promise((r) => setTimeout(r, delay));

		if (req.method === 'GET' && parts[0] === 'pow') {
			const challenge = `dev.${Date.now()}.${Math.random().toString(36).slice(2)}`;
			challenges.add(challenge);
			return send(res, 200, { challenge, difficulty: DIFFICULTY });
		}
		if (req.method === 'GET' && parts[0] === '__mock') return send(res, 200, { count: submissions.size }); // for scripts/browser-check.mjs
		if (req.method === 'GET' && parts[0] === 'offers' && parts.length === 1) return send(res, 200, localize(fixture('offers.json'), lang));
		if (parts[0] === 'offers' && parts.length >= 3) {
			const form = fixture('form.json');
			if (parts[1] !== form.tenant.slug || parts[2] !== form.offer.slug) return send(res, 404, { status: 404, message: 'Not found.', data: {} });
			if (req.method === 'GET' && parts.length === 3) {
				const l = form.languages.includes(lang) ? lang : 'de';
				return send(res, 200, { ...localize(form, l), language: l, dir: RTL.includes(l) ? 'rtl' : 'ltr', initial: evaluate({}, l) });
			}
			const body = await readBody(req);
			const l = form.languages.includes(body.language) ? body.language : 'de';
			if (req.method === 'POST' && parts[3] === 'evaluate') return send(res, 200, evaluate(body.answers || {}, l));
			if (req.method === 'POST' && parts[3] === 'submissions') {
				const key = req.headers['idempotency-key'];
				const fail = (status, path, code, message) => send(res, status, { status, message, data: { [path]: { code, message } } });
				if (!/^[A-Za-z0-9_-]{8,100}$/.test(key || '')) return fail(400, '_form', 'idempotency_key_required', 'The Idempotency-Key header is required.');
				if (drops > 0) {
					drops--;
					return req.socket.destroy();
				}
				const hash = JSON.stringify([body.answers, body.language, body._files || []]);
				const prev = submissions.get(key);
				if (prev && prev.hash !== hash) return fail(409, '_form', 'idempotency_key_reused', 'This Idempotency-Key was used for another request.');
				if (prev) return send(res, 201, { ...prev.out, claim: `claim-${Math.random().toString(36).slice(2)}`, replayed: true });
				if ((body.website || '').trim()) return fail(400, 'website', 'honeypot_filled', 'This field must stay empty.');
				const answers = body.answers || {};
				const ev = evaluate(answers, l);
				const data = { ...ev.errors };
				for (const p of ev.required) {
					const v = getAt(answers, p);
					if (v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && !v.length)) data[p] = { code: 'validation_required', message: 'Pflichtfeld.' };
				}
				if (Object.keys(data).length) return send(res, 400, { status: 400, message: 'Validation failed.', data });
				const pow = body.pow || {};
				if (!challenges.has(pow.challenge)) return fail(400, 'pow', 'pow_invalid', 'The anti-spam check failed; please send again.');
				if (!verify(pow.challenge, String(pow.nonce), DIFFICULTY)) return fail(400, 'pow', 'pow_insufficient', 'The anti-spam check failed; please send again.');
				challenges.delete(pow.challenge);
				const out = { reference: `BWTW-2026-${String(++counter).padStart(5, '0')}`, submission: `dev${counter}` };
				console.log('[mock] submission', key, JSON.stringify(answers), body._files || '');
				submissions.set(key, { hash, out });
				claims.add(`${out.reference}:claim-first`);
				return send(res, 201, { ...out, claim: 'claim-first' });
			}
		}
		if (req.method === 'POST' && parts[0] === 'accounts') {
			const body = await readBody(req);
			const data = {};
			if (!claims.has(`${body.reference}:${body.claim}`)) {
				return send(res, 400, { status: 400, message: 'x', data: { claim: { code: 'account_claim_invalid', message: 'This confirmation cannot create an account.' } } });
			}
			if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email || '')) data.email = { code: 'validation_is_email', message: 'Must be a valid email address.' };
			if ((body.password || '').length < 8) data.password = { code: 'validation_min_text_constraint', message: 'Must be at least 8 character(s).' };
			if (Object.keys(data).length) return send(res, 400, { status: 400, message: 'Failed to create record.', data });
			claims.delete(`${body.reference}:${body.claim}`);
			return send(res, 201, { id: `acc${counter}`, email: body.email });
		}
		return send(res, 404, { status: 404, message: 'Not found.', data: {} });
	}

	return {
		name: 'mp-dev-api',
		apply: 'serve',
		configureServer(server) {
			server.middlewares.use('/api/mp/public', (req, res) => {
				req.url = '/api/mp/public' + req.url;
				handle(req, res).catch((err) => send(res, 500, { status: 500, message: String(err), data: {} }));
			});
		},
	};
}
