// Chosen documents, kept in IndexedDB next to the draft (localStorage holds
// only their names), so a reload does not lose them. Best effort: without
// IndexedDB (private mode, old browser) files live in memory only.

const DB = 'mp-files';
const STORE = 'files';

function open() {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function tx(mode, fn) {
	const db = await open();
	return new Promise((resolve, reject) => {
		const t = db.transaction(STORE, mode);
		const req = fn(t.objectStore(STORE));
		t.oncomplete = () => resolve(req?.result);
		t.onerror = () => reject(t.error);
	});
}

/**
 * A file store for the form renderer: get/put/remove by id, plus load(ids)
 * to bring back a restored draft's files and clear(ids) after submitting.
 */
export function createFileStore() {
	const mem = new Map();
	const idb = typeof indexedDB !== 'undefined';
	const quiet = (p) => p.catch(() => undefined);
	return {
		get: (id) => mem.get(id),
		put(id, file) {
			mem.set(id, file);
			if (idb) quiet(tx('readwrite', (s) => s.put(file, id)));
		},
		remove(id) {
			mem.delete(id);
			if (idb) quiet(tx('readwrite', (s) => s.delete(id)));
		},
		/** Loads stored files; returns the ids that could not be found. */
		async load(ids) {
			const missing = [];
			for (const id of ids) {
				if (mem.has(id)) continue;
				const file = idb ? await quiet(tx('readonly', (s) => s.get(id))) : undefined;
				if (file) mem.set(id, file);
				else missing.push(id);
			}
			return missing;
		},
		clear(ids) {
			for (const id of ids) this.remove(id);
		},
	};
}
