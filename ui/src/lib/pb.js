// The PocketBase JS SDK client for the staff UIs (workspace, studio): record
// API, auth (token kept in localStorage) and realtime, same origin. The
// participant pages use plain fetch (lib/api.js) to stay small.
import PocketBase from 'pocketbase';

let client = null;

export function pb() {
	client ||= new PocketBase('/', undefined, 'de-DE');
	return client;
}
