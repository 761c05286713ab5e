import { describe, expect, it } from 'vitest';
import { clearDraft, draftKey, loadDraft, newDraft, saveDraft } from '../src/lib/draft.js';

function memoryStorage({ full = false } = {}) {
	const m = new Map();
	return {
		getItem: (k) => (m.has(k) ? m.get(k) : null),
		setItem: (k, v) => {
			if (full) throw new DOMException('full', 'QuotaExceededError');
			m.set(k, String(v));
		},
		removeItem: (k) => m.delete(k),
		map: m,
	};
}

describe('draft store', () => {
	it('starts a draft with a fresh idempotency key', () => {
		const a = newDraft({ language: 'ar' });
		const b = newDraft({ language: 'ar' });
		expect(a.key).toMatch(/^[0-9a-f-]{36}$/);
		expect(a.key).not.toBe(b.key);
		expect(a).toMatchObject({ language: 'ar', answers: {}, step: null, consents: {} });
	});

	it('saves and restores answers, language, step and key per Träger and offer', () => {
		const s = memoryStorage();
		const d = { ...newDraft({ language: 'fa' }), answers: { first_name: 'Ali', languages: [{ language: 'Dari' }] }, step: 'situation' };
		expect(saveDraft(s, 'bwtw', 'integrationsbegleitung', d, 1000)).toBe(true);
		const back = loadDraft(s, 'bwtw', 'integrationsbegleitung');
		expect(back).toEqual({ ...d, savedAt: 1000 });
		expect(loadDraft(s, 'lift', 'integrationsbegleitung')).toBeNull();
		expect([...s.map.keys()]).toEqual([draftKey('bwtw', 'integrationsbegleitung')]);
	});

	it('clears the draft', () => {
		const s = memoryStorage();
		saveDraft(s, 't', 'o', newDraft({ language: 'de' }));
		clearDraft(s, 't', 'o');
		expect(loadDraft(s, 't', 'o')).toBeNull();
	});

	it('ignores unreadable or foreign data', () => {
		const s = memoryStorage();
		s.setItem(draftKey('t', 'o'), '{not json');
		expect(loadDraft(s, 't', 'o')).toBeNull();
		s.setItem(draftKey('t', 'o'), JSON.stringify({ v: 99, key: 'k', answers: {} }));
		expect(loadDraft(s, 't', 'o')).toBeNull();
		s.setItem(draftKey('t', 'o'), JSON.stringify({ v: 1, answers: {} }));
		expect(loadDraft(s, 't', 'o')).toBeNull();
	});

	it('reports a full or blocked storage instead of throwing', () => {
		expect(saveDraft(memoryStorage({ full: true }), 't', 'o', newDraft({ language: 'de' }))).toBe(false);
		const blocked = { getItem() { throw new Error('denied'); }, removeItem() { throw new Error('denied'); } };
		expect(loadDraft(blocked, 't', 'o')).toBeNull();
		expect(() => clearDraft(blocked, 't', 'o')).not.toThrow();
	});
});
