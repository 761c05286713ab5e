// @vitest-environment happy-dom
// The workspace's live connection (src/workspace/live.svelte.js) against a
// scripted SDK realtime client: a drop shows as offline at once, the
// PB_CONNECT after it makes the pages load afresh (what changed meanwhile
// never arrives), a first connection that failed is tried again; and the
// inbox and the case view really load afresh on it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The SDK's RealtimeService as far as live.svelte.js uses it: subscribe()
// connects on first use (PB_CONNECT after the subscriptions are sent),
// onDisconnect on a drop, PB_CONNECT again when the SDK has reconnected.
const rt = vi.hoisted(() => {
	const rt = {
		reset() {
			rt.topics = new Map();
			rt.onDisconnect = null;
			rt.up = false;
			rt.fail = false;
		},
		async subscribe(topic, cb) {
			if (!rt.topics.has(topic)) rt.topics.set(topic, []);
			rt.topics.get(topic).push(cb);
			if (!rt.up) {
				if (rt.fail) throw new Error('Failed to establish realtime connection.');
				rt.up = true;
				rt.emit('PB_CONNECT', { clientId: 'c1' });
			}
			return async () => {
				const list = rt.topics.get(topic) || [];
				list.splice(list.indexOf(cb), 1);
				if (!list.length) rt.topics.delete(topic);
				if (!rt.topics.size && rt.up) rt.drop(); // the SDK disconnects when nothing is left
			};
		},
		async unsubscribe(topic) {
			rt.topics.delete(topic);
		},
		emit(topic, data) {
			for (const cb of rt.topics.get(topic) || []) cb(data);
		},
		drop() {
			rt.up = false;
			rt.onDisconnect?.([...rt.topics.keys()]);
		},
		reconnect() {
			rt.up = true;
			rt.emit('PB_CONNECT', { clientId: 'c2' });
		},
		listeners: (topic) => (rt.topics.get(topic) || []).length,
	};
	rt.reset();
	return rt;
});

vi.mock('../src/lib/pb.js', () => ({
	pb: () => ({
		realtime: rt,
		authStore: { isValid: false, record: null, onChange: () => () => {} },
		collection: (name) => ({ subscribe: (topic, cb) => rt.subscribe(`${name}/${topic}`, cb) }),
	}),
}));

// For the inbox and the case view: their server calls, counted.
const calls = vi.hoisted(() => ({}));
vi.mock('../src/workspace/api.js', () => {
	const counted =
		(name, answer) =>
		async (...args) => {
			calls[name] = (calls[name] || 0) + 1;
			return typeof answer === 'function' ? answer(...args) : answer;
		};
	const kase = { id: 'c1', reference: 'LIFT-2026-0001', state: 'angemeldet', state_label: 'Angemeldet', updated: '2026-01-01 10:00:00.000Z' };
	return {
		me: () => ({ id: 'u1', tenant: 't1' }),
		getInbox: counted('inbox', { items: [], page: 1, per_page: 25, has_more: false, total: 0, states: [], open: 0, overdue: 0, sla: 0, flag_cap: 100, offers: [] }),
		getOverview: counted('overview', { case: kase, participant: { first_name: 'Amal', last_name: 'Haddad' }, fields: [], states: [], transitions: {}, staff: [], submission: null }),
		getTransitions: counted('transitions', { case: kase, options: [] }),
		getCaseForm: counted('form', { version: 1, form: { sections: [] }, answers: {} }),
		listEvents: counted('events', []),
		listTasks: counted('tasks', []),
		listTimers: counted('timers', []),
		listNotes: counted('notes', []),
		listDocuments: counted('documents', []),
	};
});

let live;
beforeEach(async () => {
	rt.reset();
	for (const k of Object.keys(calls)) delete calls[k];
	vi.resetModules();
	live = await import('../src/workspace/live.svelte.js');
});
afterEach(async () => {
	vi.useRealTimers();
	await live.stopLive();
});

describe('the live connection', () => {
	it('subscribes to PB_CONNECT and every workspace collection, and passes changes on', async () => {
		const seen = [];
		live.onLive((e) => seen.push(e));
		await live.startLive();
		expect(live.live.connected).toBe(true);
		expect(rt.listeners('PB_CONNECT')).toBe(1);
		for (const c of live.LIVE_COLLECTIONS) expect(rt.listeners(`${c}/*`)).toBe(1);
		rt.emit('tasks/*', { action: 'update', record: { id: 't1', case: 'c1' } });
		expect(seen).toEqual([{ collection: 'tasks', action: 'update', record: { id: 't1', case: 'c1' } }]);
	});

	it('shows a drop as offline at once and reloads the pages once the connection is back', async () => {
		const reload = vi.fn();
		live.onReconnect(reload);
		await live.startLive();
		expect(reload).not.toHaveBeenCalled(); // the first connection is no reconnect

		rt.drop();
		expect(live.live.connected).toBe(false);
		expect(reload).not.toHaveBeenCalled();

		rt.reconnect();
		expect(live.live.connected).toBe(true);
		expect(reload).toHaveBeenCalledTimes(1);
		expect(live.live.reconnects).toBe(1);

		rt.emit('PB_CONNECT', {}); // a PB_CONNECT without a drop before it
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('is not offline-and-back when signed out and in again', async () => {
		const reload = vi.fn();
		live.onReconnect(reload);
		await live.startLive();
		await live.stopLive();
		expect(live.live.connected).toBe(false);
		expect(rt.topics.size).toBe(0);
		await live.startLive();
		expect(live.live.connected).toBe(true);
		expect(reload).not.toHaveBeenCalled();
	});

	it('tries a failed first connection again and then reloads, without doubling the listeners', async () => {
		vi.useFakeTimers();
		const reload = vi.fn();
		const seen = vi.fn();
		live.onReconnect(reload);
		live.onLive(seen);
		rt.fail = true;
		await live.startLive();
		expect(live.live).toMatchObject({ connected: false, error: true });
		expect(rt.topics.size).toBe(0);

		rt.fail = false;
		await vi.advanceTimersByTimeAsync(live.RETRY_MS);
		expect(live.live).toMatchObject({ connected: true, error: false });
		expect(reload).toHaveBeenCalledTimes(1); // the pages loaded while there was no connection
		rt.emit('cases/*', { action: 'update', record: { id: 'c1' } });
		expect(seen).toHaveBeenCalledTimes(1);
	});

	it('leaves nothing subscribed when stopped while starting', async () => {
		const starting = live.startLive();
		const stopping = live.stopLive();
		await Promise.all([starting, stopping]);
		expect(rt.topics.size).toBe(0);
		expect(live.live.connected).toBe(false);
	});
});

describe('the pages after a dropped connection', () => {
	/** Mounts a workspace page with the live connection up; returns unmount. */
	async function page(load, props) {
		vi.useFakeTimers();
		// Svelte itself from the same module graph as the page (the modules are reset per test).
		const { flushSync, mount, unmount } = await import('svelte');
		const { setLanguage, useCatalogs } = await import('../src/lib/locale.svelte.js');
		useCatalogs(['de'], { de: async () => ({}) });
		await setLanguage('de', { remember: false });
		const Page = (await load()).default;
		await live.startLive();
		const target = document.createElement('div');
		document.body.append(target);
		const p = mount(Page, { target, props });
		flushSync();
		await vi.advanceTimersByTimeAsync(0);
		return () => (unmount(p), target.remove());
	}

	it('the inbox asks the server again once the connection is back', async () => {
		const done = await page(() => import('../src/workspace/Inbox.svelte'), { query: '' });
		const first = calls.inbox;
		expect(first).toBeGreaterThan(0);

		rt.drop();
		await vi.advanceTimersByTimeAsync(1000);
		expect(calls.inbox).toBe(first); // nothing to load while offline

		rt.reconnect();
		await vi.advanceTimersByTimeAsync(1000); // the reload is debounced
		expect(calls.inbox).toBe(first + 1);
		done();
	});

	it('the case view loads the case and every list again once the connection is back', async () => {
		const done = await page(() => import('../src/workspace/CaseView.svelte'), { id: 'c1' });
		const names = ['overview', 'transitions', 'events', 'tasks', 'timers', 'notes', 'documents'];
		const before = Object.fromEntries(names.map((n) => [n, calls[n]]));
		expect(Object.values(before).every((n) => n === 1)).toBe(true);

		rt.drop();
		await vi.advanceTimersByTimeAsync(1000);
		rt.reconnect();
		await vi.advanceTimersByTimeAsync(1000);
		expect(Object.fromEntries(names.map((n) => [n, calls[n]]))).toEqual(Object.fromEntries(names.map((n) => [n, 2])));
		done();
	});
});
