// Realtime: one SSE connection (the SDK's) subscribed to the collections the
// workspace shows. The API rules scope every subscription to the caller's
// Träger (hooks/realtime_isolation_test.go), so nothing here filters by Träger.
import { pb } from '../lib/pb.js';

export const LIVE_COLLECTIONS = ['cases', 'case_events', 'tasks', 'case_notes', 'case_documents'];

export const live = $state({ connected: false, error: false });

const listeners = new Set();
let unsubscribers = [];
let starting = null;

/** Calls fn({collection, action, record}) for every change of the workspace collections. */
export function onLive(fn) {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

export function startLive() {
	starting ||= (async () => {
		try {
			for (const collection of LIVE_COLLECTIONS) {
				unsubscribers.push(
					await pb()
						.collection(collection)
						.subscribe('*', (e) => {
							for (const fn of listeners) fn({ collection, action: e.action, record: e.record });
						}),
				);
			}
			live.connected = true;
			live.error = false;
		} catch {
			live.error = true;
			starting = null;
		}
	})();
	return starting;
}

export async function stopLive() {
	const subs = unsubscribers;
	unsubscribers = [];
	starting = null;
	live.connected = false;
	await Promise.all(subs.map((u) => u().catch(() => {})));
}

/** Calls fn at most once per `ms` after the last call (bursts of changes → one reload). */
export function debounce(fn, ms = 250) {
	let timer = null;
	const d = (...args) => {
		clearTimeout(timer);
		timer = setTimeout(() => fn(...args), ms);
	};
	d.cancel = () => clearTimeout(timer);
	return d;
}
