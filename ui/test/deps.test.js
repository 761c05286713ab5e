import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { affects, collectDeps, createEvaluator } from '../src/lib/form/deps.js';

const form = {
	sections: [
		{ key: 'a', fields: [
			{ key: 'birth_date', type: 'date', validations: [{ code: 'too_young', deps: ['birth_date'] }] },
			{ key: 'age', type: 'calculated', calculate: { deps: ['birth_date'] } },
			{ key: 'first_name', type: 'text' },
			{ key: 'languages', type: 'repeat', fields: [
				{ key: 'language', type: 'text' },
				{ key: 'level', type: 'choice', required_if: { deps: ['languages[].language'] } },
				{ key: 'note', type: 'text' },
			] },
		] },
		{ key: 'kids', visible_if: { deps: ['has_children'] }, fields: [{ key: 'n', type: 'integer' }] },
	],
};

describe('collectDeps', () => {
	it('gathers the deps of every rule kind, rows and sections included', () => {
		expect([...collectDeps(form)].sort()).toEqual(['birth_date', 'has_children', 'languages[].language']);
	});
	it('reads the sample fixture', () => {
		const fx = JSON.parse(readFileSync(new URL('../src/dev/fixtures/form.json', import.meta.url), 'utf8'));
		expect(collectDeps(fx.form)).toContain('work_permit');
	});
});

describe('affects', () => {
	const deps = collectDeps(form);
	it('is true for a field a rule depends on', () => {
		expect(affects(deps, 'birth_date')).toBe(true);
		expect(affects(deps, 'has_children')).toBe(true);
	});
	it('is false for other fields', () => {
		expect(affects(deps, 'first_name')).toBe(false);
		expect(affects(deps, 'birth_date_x')).toBe(false);
		expect(affects(deps, 'languages[0].note')).toBe(false);
	});
	it('matches a sub-field in any row', () => {
		expect(affects(deps, 'languages[3].language')).toBe(true);
	});
	it('treats adding or removing rows as a change of the sub-fields', () => {
		expect(affects(deps, 'languages')).toBe(true);
	});
	it('treats a change inside a group as a change of the group', () => {
		expect(affects(new Set(['languages']), 'languages[1].note')).toBe(true);
	});
});

describe('createEvaluator', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	const setup = () => {
		const evaluate = vi.fn(async () => ({ hidden: [] }));
		const onResult = vi.fn();
		const ev = createEvaluator({ deps: collectDeps(form), evaluate, onResult, delay: 300 });
		return { evaluate, onResult, ev };
	};

	it('never calls the server for fields no rule depends on', async () => {
		const { evaluate, ev } = setup();
		expect(ev.changed('first_name')).toBe(false);
		expect(ev.changed('languages[0].note')).toBe(false);
		await vi.runAllTimersAsync();
		expect(evaluate).not.toHaveBeenCalled();
	});

	it('calls once, after the pause, for a burst of dependent changes', async () => {
		const { evaluate, onResult, ev } = setup();
		ev.changed('birth_date');
		await vi.advanceTimersByTimeAsync(200);
		ev.changed('birth_date');
		ev.changed('languages[0].language');
		await vi.advanceTimersByTimeAsync(299);
		expect(evaluate).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(evaluate).toHaveBeenCalledTimes(1);
		expect(onResult).toHaveBeenCalledWith({ hidden: [] });
	});

	it('drops the answer of a superseded call', async () => {
		const resolvers = [];
		const evaluate = vi.fn(() => new Promise((r) => resolvers.push(r)));
		const onResult = vi.fn();
		const ev = createEvaluator({ deps: new Set(['x']), evaluate, onResult, delay: 10 });
		ev.changed('x');
		await vi.advanceTimersByTimeAsync(10);
		ev.changed('x');
		await vi.advanceTimersByTimeAsync(10);
		resolvers[1]('new');
		resolvers[0]('old');
		await vi.runAllTimersAsync();
		expect(onResult.mock.calls).toEqual([['new']]);
	});

	it('reports failures without throwing', async () => {
		const onError = vi.fn();
		const ev = createEvaluator({ deps: new Set(['x']), evaluate: () => Promise.reject(new Error('offline')), onResult: vi.fn(), onError, delay: 0 });
		ev.changed('x');
		await vi.runAllTimersAsync();
		expect(onError).toHaveBeenCalledTimes(1);
	});
});
