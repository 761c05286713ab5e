import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { flatten } from '../src/lib/i18n.js';
import { answerSections, answerText, dayText } from '../src/workspace/answers.js';
import { actorOf, dateInputOf, describeEvent, dueFromDateInput, fileSize, formatDate, isPast, parseDate, personName } from '../src/workspace/format.js';
import { capped, DEFAULT_FILTERS, filtersToQuery, inboxUrl, isTyping, moveSelection, parseFilters, withFilter } from '../src/workspace/inbox.js';

describe('inbox filters in the hash', () => {
	it('reads defaults from nothing and from nonsense', () => {
		expect(parseFilters('')).toEqual({ ...DEFAULT_FILTERS });
		expect(parseFilters('scope=everyone&page=-3&overdue=yes')).toEqual({ ...DEFAULT_FILTERS });
	});
	it('round-trips every filter', () => {
		const f = { scope: 'all', state: 'profiling', offer: 'abc123', overdue: true, sla: true, q: 'Haddad LIFT', page: 3 };
		expect(parseFilters(filtersToQuery(f))).toEqual(f);
	});
	it('leaves defaults out of the hash', () => {
		expect(filtersToQuery(DEFAULT_FILTERS)).toBe('');
		expect(filtersToQuery({ ...DEFAULT_FILTERS, q: '  ' })).toBe('');
	});
	it('asks the server with the scope always, encoded', () => {
		const url = new URL(inboxUrl({ ...DEFAULT_FILTERS, q: 'Müller & Co', state: 'angemeldet' }, 25), 'http://x');
		expect(url.pathname).toBe('/api/mp/inbox');
		expect(Object.fromEntries(url.searchParams)).toEqual({ scope: 'mine', state: 'angemeldet', q: 'Müller & Co', per_page: '25', lang: 'de' });
	});
	it('starts at page 1 when any other filter changes', () => {
		const f = { ...DEFAULT_FILTERS, page: 4 };
		expect(withFilter(f, 'state', 'profiling').page).toBe(1);
		expect(withFilter(f, 'page', 5).page).toBe(5);
	});
});

describe('inbox keyboard', () => {
	it('moves with j and k and stays inside the list', () => {
		expect(moveSelection(-1, 1, 3)).toBe(0);
		expect(moveSelection(-1, -1, 3)).toBe(2);
		expect(moveSelection(0, -1, 3)).toBe(0);
		expect(moveSelection(2, 1, 3)).toBe(2);
		expect(moveSelection(1, 1, 3)).toBe(2);
		expect(moveSelection(0, 1, 0)).toBe(-1);
	});
	it('leaves keys to fields being typed in', () => {
		expect(isTyping({ tagName: 'INPUT' })).toBe(true);
		expect(isTyping({ tagName: 'INPUT', type: 'search' })).toBe(true);
		expect(isTyping({ tagName: 'INPUT', type: 'radio' })).toBe(false);
		expect(isTyping({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
		expect(isTyping({ tagName: 'textarea' })).toBe(true);
		expect(isTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
		expect(isTyping({ tagName: 'A' })).toBe(false);
		expect(isTyping(null)).toBe(false);
	});
	it('shows a capped count with a plus', () => {
		expect(capped(7, 100)).toBe('7');
		expect(capped(100, 100)).toBe('100+');
	});
});

describe('dates', () => {
	it('reads PocketBase dates', () => {
		expect(parseDate('2026-11-25 16:41:37.000Z').toISOString()).toBe('2026-11-25T16:41:37.000Z');
		expect(parseDate('')).toBe(null);
		expect(parseDate('nonsense')).toBe(null);
		expect(formatDate('2026-01-05 10:00:00.000Z')).toBe('05.01.2026');
	});
	it('makes a due date the end of the chosen day and reads it back', () => {
		const due = dueFromDateInput('2026-12-01');
		expect(dateInputOf(due)).toBe('2026-12-01');
		expect(isPast(due, new Date(2026, 11, 1, 12))).toBe(false);
		expect(isPast(due, new Date(2026, 11, 2, 0, 1))).toBe(true);
		expect(dueFromDateInput('')).toBe('');
		expect(dueFromDateInput('1.12.2026')).toBe('');
	});
	it('never shifts a date-only answer', () => {
		expect(dayText('1990-05-14')).toBe('14.05.1990');
	});
	it('formats sizes and names', () => {
		expect(fileSize(1536 * 1024)).toBe('1,5 MB');
		expect(fileSize(300)).toBe('1 KB');
		expect(personName({ first_name: 'Amal', last_name: 'Haddad' })).toBe('Amal Haddad');
	});
});

describe('the timeline', () => {
	const labels = {
		state: (k) => ({ angemeldet: 'Angemeldet', erstgespraech: 'Erstgespräch' })[k] || k,
		staff: (id) => ({ u1: 'Jonas Richter' })[id] || '?',
		transition: (k) => ({ termin_vereinbaren: 'Termin vereinbart' })[k] || k,
		stepField: (_tr, k) => ({ meeting_date: 'Datum' })[k] || k,
		stepValue: (_tr, _k, v) => dayText(v),
	};
	it('says from which state to which, with the step answers and the comment', () => {
		const v = describeEvent(
			{ type: 'transition', from: 'angemeldet', to: 'erstgespraech', actor: 'u1', data: { transition: 'termin_vereinbaren', step: { meeting_date: '2026-12-01', empty: '' }, comment: 'Telefonisch' } },
			labels,
		);
		expect(v.text).toEqual({ key: 'workspace.timeline.transition', params: { transition: 'Termin vereinbart', from: 'Angemeldet', to: 'Erstgespräch' } });
		expect(v.details).toEqual([['Datum', '01.12.2026'], [null, 'Telefonisch']]);
	});
	it('tells a step that keeps the state, assignments and registrations apart', () => {
		expect(describeEvent({ type: 'transition', from: 'angemeldet', to: 'angemeldet', data: {} }, labels).text.key).toBe('workspace.timeline.stay');
		expect(describeEvent({ type: 'assigned', data: { assignee: 'u1' } }, labels).text).toEqual({ key: 'workspace.timeline.assigned', params: { name: 'Jonas Richter' } });
		expect(describeEvent({ type: 'assigned', data: { assignee: '' } }, labels).text.key).toBe('workspace.timeline.unassigned');
		expect(describeEvent({ type: 'created', to: 'angemeldet', data: { channel: 'in_person' } }, labels).text).toEqual({
			key: 'workspace.timeline.created_in_person',
			params: { state: 'Angemeldet' },
		});
	});
	it('says which consent was withdrawn and that its answers are gone', () => {
		const withPurpose = { ...labels, purpose: (k) => ({ health_data: 'Angaben zur Gesundheit' })[k] || k };
		expect(describeEvent({ type: 'consent_withdrawn', data: { purpose: 'health_data', removed: ['a', 'b'] } }, withPurpose).text).toEqual({
			key: 'workspace.timeline.consent_withdrawn_removed',
			params: { purpose: 'Angaben zur Gesundheit', n: 2 },
		});
		expect(describeEvent({ type: 'consent_withdrawn', data: { purpose: 'share_jobcenter', removed: [] } }, withPurpose).text.key).toBe(
			'workspace.timeline.consent_withdrawn',
		);
	});
	it('has a German text for every case event type the server writes (read from hooks/*.go)', () => {
		const dir = new URL('../../hooks/', import.meta.url);
		const kinds = new Set();
		for (const f of readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))) {
			const src = readFileSync(new URL(f, dir), 'utf8');
			for (const m of src.matchAll(/\bEvent[A-Z]\w*\s*=\s*"([a-z_]+)"/g)) kinds.add(m[1]);
			for (const m of src.matchAll(/CaseEvent\{Type:\s*"([a-z_]+)"/g)) kinds.add(m[1]);
		}
		expect([...kinds]).toEqual(expect.arrayContaining(['created', 'transition', 'assigned', 'consent_withdrawn', 'erased']));
		const ws = flatten(JSON.parse(readFileSync(new URL('../src/i18n/staff/workspace.de.json', import.meta.url), 'utf8')));
		const missing = [];
		for (const kind of kinds) {
			if (!ws[`workspace.timeline.${kind}`]) missing.push(`workspace.timeline.${kind}`);
			for (const data of [{}, { assignee: 'u1', channel: 'online', purpose: 'x', removed: ['a'] }]) {
				const { key } = describeEvent({ type: kind, from: 'angemeldet', to: 'erstgespraech', data }, labels).text;
				if (!ws[key]) missing.push(key);
			}
		}
		expect([...new Set(missing)]).toEqual([]);
	});
	it('names who did it', () => {
		expect(actorOf({ actor: 'u1' }, labels.staff)).toEqual({ name: 'Jonas Richter' });
		expect(actorOf({ actor_kind: 'participant' }, labels.staff)).toEqual({ key: 'workspace.timeline.by_participant' });
		expect(actorOf({ actor_kind: 'system' }, labels.staff)).toEqual({ key: 'workspace.timeline.by_system' });
	});
});

describe('answers in their form version', () => {
	const words = { yes: 'Ja', no: 'Nein', given: 'erteilt', refused: 'nicht erteilt' };
	const form = {
		sections: [
			{
				key: 'person',
				title: 'Person',
				fields: [
					{ key: 'intro', type: 'info', label: 'Hinweis' },
					{ key: 'consent', type: 'consent', label: 'Einwilligung' },
					{ key: 'first_name', type: 'text', label: 'Vorname' },
					{ key: 'birth_date', type: 'date', label: 'Geburtsdatum' },
					{ key: 'has_children', type: 'boolean', label: 'Kinder' },
					{ key: 'gender', type: 'choice', label: 'Geschlecht', options: [{ value: 'female', label: 'weiblich' }] },
					{ key: 'mobility', type: 'multichoice', label: 'Mobilität', options: [{ value: 'bike', label: 'Fahrrad' }, { value: 'bus', label: 'Bus' }] },
					{ key: 'unanswered', type: 'text', label: 'Leer' },
				],
			},
			{ key: 'empty', title: 'Leer', fields: [{ key: 'x', type: 'text', label: 'X' }] },
			{
				key: 'languages',
				title: 'Sprachen',
				fields: [{ key: 'languages', type: 'repeat', label: 'Sprachen', fields: [{ key: 'language', type: 'text', label: 'Sprache' }, { key: 'level', type: 'choice', label: 'Niveau', options: [{ value: 'native', label: 'Muttersprache' }] }] }],
			},
		],
	};
	const answers = {
		consent: true,
		first_name: 'Amal',
		birth_date: '1990-05-14',
		has_children: false,
		gender: 'female',
		mobility: ['bike', 'bus'],
		languages: [{ language: 'Arabisch', level: 'native' }, {}],
	};
	it('shows answered fields with labels, option labels, dates and yes/no', () => {
		const s = answerSections(form, answers, words);
		expect(s.map((x) => x.key)).toEqual(['person', 'languages']);
		expect(s[0].rows.map((r) => [r.label, r.text])).toEqual([
			['Einwilligung', 'erteilt'],
			['Vorname', 'Amal'],
			['Geburtsdatum', '14.05.1990'],
			['Kinder', 'Nein'],
			['Geschlecht', 'weiblich'],
			['Mobilität', 'Fahrrad, Bus'],
		]);
		expect(s[1].rows[0].items).toEqual([
			{
				index: 1,
				rows: [
					{ path: 'languages[0].language', label: 'Sprache', text: 'Arabisch', files: undefined },
					{ path: 'languages[0].level', label: 'Niveau', text: 'Muttersprache', files: undefined },
				],
			},
		]);
	});
	it('keeps an option value an older version no longer has', () => {
		expect(answerText(form.sections[0].fields[5], 'male', words)).toBe('male');
	});
});

describe('the workspace catalog', () => {
	const ws = flatten(JSON.parse(readFileSync(new URL('../src/i18n/staff/workspace.de.json', import.meta.url), 'utf8')));
	it('has the keys the pages build at run time', () => {
		const keys = [
			...['first_name', 'last_name', 'birth_date', 'gender', 'nationality', 'preferred_language', 'phone', 'email', 'messenger', 'municipality', 'address', 'channel'].map((k) => `workspace.profile.${k}`),
			...['female', 'male', 'diverse', 'unspecified'].map((k) => `workspace.profile.genders.${k}`),
			...['online', 'in_person'].map((k) => `workspace.profile.channels.${k}`),
			...['counsellor', 'tenant_admin', 'network_admin'].map((k) => `workspace.roles.${k}`),
			...['sla', 'reminder', 'transition'].map((k) => `workspace.tasks.timer_${k}`),
			...['created', 'created_online', 'created_in_person', 'transition', 'stay', 'assigned', 'unassigned', 'reminder', 'sla_breached', 'timer_skipped', 'migrated'].map(
				(k) => `workspace.timeline.${k}`,
			),
		];
		expect(keys.filter((k) => !ws[k])).toEqual([]);
	});
	it('translates the refusals of the case routes', () => {
		const codes = ['case_changed', 'wrong_state', 'transition_unknown', 'role_not_allowed', 'automatic_only', 'guard_failed', 'action_failed', 'assignee_invalid'];
		expect(codes.filter((c) => !ws[`errors.${c}`])).toEqual([]);
	});
	it('translates every field error of the assign route and the workspace record hooks (read from hooks/*.go)', () => {
		const hooks = new URL('../../hooks/', import.meta.url);
		const codes = new Set();
		for (const file of ['workspace_case.go', 'workspace_records.go', 'tenant_relations.go']) {
			const src = readFileSync(new URL(file, hooks), 'utf8');
			for (const m of src.matchAll(/validation\.NewError\(\s*"([a-z_]+)"/g)) codes.add(m[1]);
			for (const m of src.matchAll(/writeFieldError\(e, "[a-z_]+", "([a-z_]+)"/g)) codes.add(m[1]);
		}
		expect([...codes]).toEqual(expect.arrayContaining(['assignee_invalid', 'validation_assignee_invalid', 'validation_cross_tenant_relation']));
		expect([...codes].filter((c) => !ws[`errors.${c}`])).toEqual([]);
	});
});

describe('calculated answers', () => {
	it('says yes or no for a calculated yes/no and formats numbers', () => {
		const words = { yes: 'Ja', no: 'Nein', given: 'erteilt', refused: 'nicht erteilt' };
		expect(answerText({ type: 'calculated' }, false, words)).toBe('Nein');
		expect(answerText({ type: 'calculated' }, 1234.5, words)).toBe('1.234,5');
	});
});
