// The workspace's session is the staff session (lib/staff-session.svelte.js);
// only counsellors and tenant admins of a Träger work cases.
export { guard, staffSession as session } from '../lib/staff-session.svelte.js';

/** Counsellors and tenant admins of a Träger work cases; others are sent elsewhere. */
export function worksCases(user) {
	return !!user?.tenant && (user.role === 'counsellor' || user.role === 'tenant_admin');
}
