// Proof of work: find a decimal nonce such that SHA-256(challenge + nonce)
// has at least `difficulty` leading zero bits (GET /api/mp/public/pow).
import { leadingZeroBits, sha256Words } from './sha256.js';

const enc = new TextEncoder();

/**
 * Tries nonces start, start+1, … (at most `limit` of them) and returns the
 * first that solves the challenge as a decimal string, or null.
 */
export function solve(challenge, difficulty, { start = 0, limit = Infinity } = {}) {
	const prefix = enc.encode(challenge);
	const buf = new Uint8Array(prefix.length + 20);
	buf.set(prefix);
	for (let n = start, end = start + limit; n < end; n++) {
		const digits = String(n);
		let len = prefix.length;
		for (let i = 0; i < digits.length; i++) buf[len++] = digits.charCodeAt(i);
		if (leadingZeroBits(sha256Words(buf, len)) >= difficulty) return digits;
	}
	return null;
}

/** Checks a solution the way the server does. */
export function verify(challenge, nonce, difficulty) {
	return /^\d+$/.test(nonce) && leadingZeroBits(sha256Words(enc.encode(challenge + nonce))) >= difficulty;
}
