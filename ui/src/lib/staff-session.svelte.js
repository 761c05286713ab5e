// The session of the staff UIs (workspace, studio): who is signed in with a
// staff account (PocketBase `users`, token in localStorage, so one sign-in
// serves both), signing in, and the end of the session on a 401 (the token ran
// out after its working day, or the account was disabled).
import { pb } from './pb.js';

/** The signed-in staff user, or null. */
export function staffUser() {
	const c = pb();
	return c.authStore.isValid && c.authStore.record?.collectionName === 'users' ? c.authStore.record : null;
}

export const staffSession = $state({ user: staffUser(), expired: false });

pb().authStore.onChange(() => {
	staffSession.user = staffUser();
});

/** Signs in; rejects with the SDK's error (status 400: wrong e-mail or password, 0: no answer). */
export async function staffLogin(email, password) {
	await pb().collection('users').authWithPassword(email, password);
	staffSession.expired = false;
}

/** Call with any failed request: ends the session on 401. Returns the error. */
export function guard(err) {
	if (err?.status === 401) {
		staffSession.expired = true;
		pb().authStore.clear();
	}
	return err;
}
