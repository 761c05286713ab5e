// The reporting page's calls with the staff session's token (lib/staff-session,
// shared with the studio and the workspace): the report as JSON through
// lib/api.js, and the CSV/XLSX downloads as blobs (a link cannot carry the
// Authorization header).
import { api, ApiError, NetworkError } from '../lib/api.js';
import { pb } from '../lib/pb.js';
import { fileName, reportQuery } from './model.js';

export const logout = () => pb().authStore.clear();

/** Which report the account may see: "network", "tenant" or null. */
export function scopeOf(user) {
	if (!user) return null;
	if (user.role === 'network_admin' && !user.tenant) return 'network';
	if ((user.role === 'tenant_admin' || user.role === 'counsellor') && user.tenant) return 'tenant';
	return null;
}

const auth = () => ({ Authorization: pb().authStore.token });

/** The report of scope for period, as JSON. Rejects with ApiError or NetworkError. */
export function fetchReport(scope, period) {
	return api(`/api/mp/reports/${scope}?${reportQuery(period)}`, { headers: auth() });
}

/** Downloads the report as format (csv or xlsx) under the server's file name. */
export async function downloadReport(scope, period, format, { fetch: f = globalThis.fetch, document: doc = globalThis.document } = {}) {
	let res;
	try {
		res = await f(`/api/mp/reports/${scope}?${reportQuery(period, format)}`, { headers: auth() });
	} catch (err) {
		throw new NetworkError(err?.message || 'network error');
	}
	if (!res.ok) {
		let body = null;
		try {
			body = await res.json();
		} catch {
			/* not JSON */
		}
		throw new ApiError(res.status, body);
	}
	const blob = await res.blob();
	const name = fileName(res.headers.get('Content-Disposition'), `multipotenzial-bericht.${format}`);
	const url = URL.createObjectURL(blob);
	const a = doc.createElement('a');
	a.href = url;
	a.download = name;
	doc.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10000);
	return name;
}
