// Realtime: one SSE connection (the SDK's) subscribed to the collections the
// workspace shows. The API rules scope every subscription to the caller's
// Träger (hooks/realtime_isolation_test.go), so nothing here filters by Träger.
//
// The SDK reconnects on its own after a dropped connection and then sends
// PB_CONNECT again; what changed in between never arrives. So: a drop shows
// as offline at once (live.connected), and the PB_CONNECT after a drop tells
// the pages (onReconnect) to load what they show afresh. A first connection
// that fails is tried again every RETRY_MS, and counts as a drop.
import { pb } from '../lib/pb.js';

export const LIVE_COLLECTIONS = ['cases', 'case_events', 'tasks', 'case_notes', 'case_documents'];

/** How long to wait before trying a failed first connection again. */
export const RETRY_MS = 5000;

/** connected: messages arrive now; error: the last attempt to connect failed; reconnects: drops recovered from. */
export const live = $state({ connected: false, error: false, reconnects: 0 });

const listeners = new Set();
const reconnectListeners = new Set();
let unsubscribers = [];
let starting = null;
let wanted = false; // between startLive and stopLive
let lost = false; // the connection dropped (or never came up): the next PB_CONNECT reloads the pages
let subscribed = false; // every collection is subscribed (the SDK resubscribes them itself before PB_CONNECT)
let retry = null;
let generation = 0; // stopLive ends the start in flight

/** Calls fn({collection, action, record}) for every change of the workspace collections. */
export function onLive(fn) {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

/** Calls fn() when the connection is back after a drop: changes made meanwhile were missed, load afresh. */
export function onReconnect(fn) {
	reconnectListeners.add(fn);
	return () => reconnectListeners.delete(fn);
}

function connected() {
	if (!subscribed) return; // still starting: startLive calls again when all are subscribed
	live.connected = true;
	live.error = false;
	if (!lost) return;
	lost = false;
	live.reconnects++;
	for (const fn of reconnectListeners) fn();
}

function dropped() {
	if (!wanted) return; // stopLive closes the connection on purpose
	live.connected = false;
	lost = true;
}

export function startLive() {
	wanted = true;
	clearTimeout(retry);
	starting ||= (async () => {
		const mine = generation;
		const realtime = pb().realtime;
		realtime.onDisconnect = dropped;
		const subs = [];
		try {
			subs.push(await realtime.subscribe('PB_CONNECT', connected));
			for (const collection of LIVE_COLLECTIONS) {
				subs.push(
					await pb()
						.collection(collection)
						.subscribe('*', (e) => {
							for (const fn of listeners) fn({ collection, action: e.action, record: e.record });
						}),
				);
			}
			if (mine !== generation) {
				// stopped while starting (signed out): nothing of this start may stay subscribed
				await Promise.all(subs.map((u) => u().catch(() => {})));
				return;
			}
			unsubscribers = subs;
			subscribed = true;
			connected();
		} catch {
			if (mine !== generation) return;
			// A failed subscribe keeps its listener in the SDK: drop ours, the retry adds them again.
			await Promise.all(['PB_CONNECT', ...LIVE_COLLECTIONS.map((c) => `${c}/*`)].map((topic) => realtime.unsubscribe(topic).catch(() => {})));
			live.connected = false;
			live.error = true;
			lost = true;
			starting = null;
			if (wanted) retry = setTimeout(startLive, RETRY_MS);
		}
	})();
	return starting;
}

export async function stopLive() {
	wanted = false;
	generation++;
	clearTimeout(retry);
	const subs = unsubscribers;
	unsubscribers = [];
	starting = null;
	lost = false;
	subscribed = false;
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
