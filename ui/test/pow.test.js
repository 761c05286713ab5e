import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { leadingZeroBits, sha256Hex, sha256Words } from '../src/lib/pow/sha256.js';
import { solve, verify } from '../src/lib/pow/solve.js';

const enc = new TextEncoder();
const nodeHex = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256', () => {
	it('matches the FIPS 180-4 test vectors', () => {
		expect(sha256Hex(enc.encode(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(sha256Hex(enc.encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(sha256Hex(enc.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
			'248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
		);
	});
	it('matches node:crypto on every length around the block borders, in UTF-8', () => {
		for (let n = 0; n < 200; n++) {
			const s = 'ä٣'.repeat(n % 7) + 'x'.repeat(n);
			expect(sha256Hex(enc.encode(s)), `length ${n}`).toBe(nodeHex(s));
		}
	});
	it('counts leading zero bits', () => {
		expect(leadingZeroBits([0x0000ffff, 0])).toBe(16);
		expect(leadingZeroBits([0, 0x10000000])).toBe(35);
		expect(leadingZeroBits([0x80000000])).toBe(0);
	});
});

describe('proof of work', () => {
	it('solves a known vector', () => {
		// Found independently with node:crypto: the first nonce for which
		// sha256("mp-test-challenge" + nonce) starts with 12 zero bits.
		let expected = 0;
		while (!nodeHex(`mp-test-challenge${expected}`).startsWith('000')) expected++;
		expect(solve('mp-test-challenge', 12)).toBe(String(expected));
	});
	it('finds a nonce the server accepts (checked with node:crypto)', () => {
		const challenge = 'eyJ0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJl';
		const nonce = solve(challenge, 16);
		expect(nonce).toMatch(/^\d+$/);
		const digest = createHash('sha256').update(challenge + nonce, 'utf8').digest();
		expect(digest[0]).toBe(0);
		expect(digest[1]).toBe(0);
		expect(verify(challenge, nonce, 16)).toBe(true);
	});
	it('respects the search window', () => {
		expect(solve('x', 30, { start: 0, limit: 100 })).toBeNull();
	});
	it('rejects nonces that are not decimal strings', () => {
		expect(verify('c', '1e3', 0)).toBe(false);
		expect(verify('c', '', 0)).toBe(false);
	});
	it('hashes fast enough for a phone to finish in seconds', () => {
		const t0 = performance.now();
		for (let i = 0; i < 50000; i++) sha256Words(enc.encode(`challenge${i}`));
		const perSecond = 50000 / ((performance.now() - t0) / 1000);
		expect(perSecond).toBeGreaterThan(100000);
	});
});
