// Every error code a participant can get from the server has a translation in
// every participant language. The codes are read from the Go sources, not
// listed here by hand: a new code in a participant route fails this test
// until it is translated (ui/src/i18n/<lang>.json, "errors.<code>").
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { flatten, PARTICIPANT_LANGUAGES } from '../src/lib/i18n.js';

const root = new URL('../../', import.meta.url).pathname;
const go = (file) => readFileSync(join(root, file), 'utf8');
const catalog = (lang) => flatten(JSON.parse(readFileSync(new URL(`../src/i18n/${lang}.json`, import.meta.url), 'utf8')));

// What answers a participant: the public routes (catalogue, form, evaluate,
// submission with its proof of work and storage errors, account), the
// participant's own routes (status page, export, withdrawing a consent, their
// record through the record API), and the form language's validation.
// `true` scans the whole file; a list scans only those functions.
const SOURCES = {
	'hooks/public_offers.go': true,
	'hooks/submissions.go': true,
	'hooks/submission_request.go': true,
	'hooks/pow.go': true,
	'hooks/storage_errors.go': true,
	'hooks/accounts.go': true,
	'hooks/participant_status.go': true,
	'hooks/participant_consents.go': true,
	'hooks/update_allowlist.go': true,
	'hooks/privacy_routes.go': ['participantFor', 'handleExport', 'handleWithdraw'],
	'forms/errors.go': true,
	'forms/messages.go': true,
};

// PocketBase's own field codes on the records a participant saves (the
// account's email and password, their contact data): not in our sources.
const POCKETBASE = ['validation_required', 'validation_is_email', 'validation_not_unique', 'validation_min_text_constraint',
	'validation_max_text_constraint', 'validation_invalid_value'];

/** The body of `func name(` or `func (recv) name(` in src, by brace matching. */
function funcBody(src, name) {
	const start = src.search(new RegExp(`^func (?:\\([^)]*\\) )?${name}\\(`, 'm'));
	if (start < 0) throw new Error(`no func ${name}`);
	let depth = 0;
	for (let i = src.indexOf('{', start); i < src.length; i++) {
		if (src[i] === '{') depth++;
		else if (src[i] === '}' && --depth === 0) return src.slice(start, i + 1);
	}
	throw new Error(`unbalanced func ${name}`);
}

/**
 * The error codes in Go source: `Code: "x"` (forms.FieldError, workflows
 * errors), writeFieldError(e, path, "x", …), validation.NewError("x", …), and
 * the string constants of a const block whose comment says it holds error
 * codes (forms' Code* constants, the proof-of-work codes).
 */
export function codesIn(src) {
	const codes = new Set();
	const add = (re) => {
		for (const m of src.matchAll(re)) codes.add(m[1]);
	};
	add(/\bCode:\s*"([a-z][a-z0-9_]*)"/g);
	add(/\bwriteFieldError\(\s*e\s*,[^,]+,\s*"([a-z][a-z0-9_]*)"/g);
	add(/\bNewError\(\s*"([a-z][a-z0-9_]*)"/g);
	for (const m of src.matchAll(/^\/\/[^\n]*error codes[^\n]*\n(?:\/\/[^\n]*\n)*const \(\n([\s\S]*?)^\)/gim)) {
		for (const c of m[1].matchAll(/^\s*\w+\s*=\s*"([a-z][a-z0-9_]*)"/gm)) codes.add(c[1]);
	}
	return codes;
}

function participantCodes() {
	const codes = new Set(POCKETBASE);
	for (const [file, what] of Object.entries(SOURCES)) {
		const src = go(file);
		const parts = what === true ? [src] : what.map((name) => funcBody(src, name));
		for (const part of parts) for (const c of codesIn(part)) codes.add(c);
	}
	return codes;
}

describe('server error codes a participant can get', () => {
	const codes = participantCodes();

	it('are found in the Go sources', () => {
		// A sample from each kind of source, so a broken scan cannot pass empty.
		for (const c of ['validation_required', 'validation_file_too_large', 'pow_expired', 'honeypot_filled', 'storage_unavailable',
			'account_claim_invalid', 'request_invalid_json', 'consent_already_withdrawn', 'validation_field_not_editable']) {
			expect(codes, c).toContain(c);
		}
		expect(codes).not.toContain('erase_mode_invalid'); // staff only: outside the scanned functions
	});

	it('cover every route a participant reaches', () => {
		// Each handler bound to the public group or to an account of
		// participants lives in one of the scanned files.
		const scanned = Object.keys(SOURCES).map(go).join('\n');
		const routes = [
			...go('hooks/service.go').matchAll(/\bpub\.(?:GET|POST|PUT|PATCH|DELETE)\([^,]+,\s*s\.(\w+)/g),
			...go('hooks/participant_status.go').matchAll(/\bme\.(?:GET|POST|PUT|PATCH|DELETE)\([^,]+,\s*s\.(\w+)/g),
		].map((m) => m[1]);
		expect(routes.length).toBeGreaterThan(5);
		for (const handler of routes) expect(scanned, handler).toMatch(new RegExp(`^func \\(s \\*service\\) ${handler}\\(`, 'm'));
	});

	for (const lang of PARTICIPANT_LANGUAGES) {
		it(`are translated in ${lang}`, () => {
			const messages = catalog(lang);
			const missing = [...codes].filter((c) => !(messages[`errors.${c}`] || '').trim()).sort();
			expect(missing, `${lang}.json lacks errors.<code>`).toEqual([]);
		});
	}
});

describe('the scan', () => {
	it('reads the forms of code the Go sources use', () => {
		const src = `
// Widget error codes (translation keys).
const (
	widgetBroken = "widget_broken"
)
const notCodes = "mp_submit"
func f(e *core.RequestEvent) error {
	_ = forms.FieldError{Code: "a_code", Message: "…"}
	_ = validation.NewError("b_code", "…")
	return writeFieldError(e, forms.FormPath, "c_code", "…")
}`;
		expect([...codesIn(src)].sort()).toEqual(['a_code', 'b_code', 'c_code', 'widget_broken']);
	});
	it('finds every translation file it checks', () => {
		const files = readdirSync(new URL('../src/i18n/', import.meta.url)).filter((f) => f.endsWith('.json'));
		for (const l of PARTICIPANT_LANGUAGES) expect(files).toContain(`${l}.json`);
	});
});
