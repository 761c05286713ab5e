// Who is signed in to the studio. A 401 anywhere (the token expired after its
// 8 hours, or the account was disabled) ends the session and shows the login.
import { pb } from '../lib/pb.js';
import { me } from './api.js';

export const session = $state({ user: me(), expired: false });

pb().authStore.onChange(() => {
	session.user = me();
});

/** Call with any failed request: ends the session on 401. Returns the error for chaining. */
export function guard(err) {
	if (err?.status === 401) {
		session.expired = true;
		pb().authStore.clear();
	}
	return err;
}
