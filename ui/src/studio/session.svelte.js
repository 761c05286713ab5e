// Who is signed in to the studio. A 401 anywhere (the token expired after its
// 8 hours, or the account was disabled) ends the session and shows the login.
// The record API answers a dead token like an anonymous caller (404, an empty
// list), so a 403 or 404 — and every change of page — asks the server whether
// the session still holds.
import { pb } from '../lib/pb.js';
import { me } from './api.js';

export const session = $state({ user: me(), expired: false });

pb().authStore.onChange(() => {
	session.user = me();
});

let checking = null;

/**
 * Asks the server whether the session still holds (ends it if not): one's
 * own account is readable exactly while the token is valid. (Not
 * authRefresh: that would stretch the working day's token.)
 */
export function recheck() {
	const user = me();
	if (!user) return Promise.resolve();
	checking ||= pb()
		.collection('users')
		.getOne(user.id, { fields: 'id' })
		.catch((err) => {
			if ([401, 403, 404].includes(err?.status)) end();
		})
		.finally(() => (checking = null));
	return checking;
}

function end() {
	session.expired = true;
	pb().authStore.clear();
}

/** Call with any failed request: ends the session on 401, rechecks it on 403/404. Returns the error. */
export function guard(err) {
	if (err?.status === 401) end();
	else if (err?.status === 403 || err?.status === 404) recheck();
	return err;
}
