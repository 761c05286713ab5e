// Pure formatting for the workspace: PocketBase dates, due dates, file sizes
// and what a case event says. German only (staff work in German).

/** A Date from a PocketBase date ("2026-11-25 16:41:37.000Z") or an ISO string; null when empty. */
export function parseDate(value) {
	if (!value) return null;
	const d = new Date(String(value).replace(' ', 'T'));
	return Number.isNaN(d.getTime()) ? null : d;
}

const dateFmt = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "25.11.2026" ("" when empty). */
export function formatDate(value) {
	const d = parseDate(value);
	return d ? dateFmt.format(d) : '';
}

/** "25.11.2026, 17:41" ("" when empty). */
export function formatDateTime(value) {
	const d = parseDate(value);
	return d ? timeFmt.format(d) : '';
}

/** True when an open due date lies before now. */
export function isPast(value, now = new Date()) {
	const d = parseDate(value);
	return !!d && d.getTime() < now.getTime();
}

const pad = (n) => String(n).padStart(2, '0');

/** The value of a date input (local day) for a due date ("" when none). */
export function dateInputOf(value) {
	const d = parseDate(value);
	return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : '';
}

/** A due date at the end of the chosen local day, as ISO ("" for no date): due that day, overdue the next. */
export function dueFromDateInput(day) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day || '')) return '';
	const d = new Date(`${day}T23:59:00`);
	return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** "1,2 MB", "340 KB". */
export function fileSize(bytes) {
	if (!bytes && bytes !== 0) return '';
	return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** "Amal Haddad" from a participant or inbox item. */
export function personName(p) {
	return [p?.first_name, p?.last_name].filter(Boolean).join(' ');
}

/**
 * What a case event says, for the timeline: {kind, from, to, text, details}.
 * labels: {state(key), staff(id), transition(key), stepField(transition, key), stepValue(transition, key, value), purpose(key)}.
 * `text` is a catalog key with params; details are [label, value] pairs.
 * Every type the server writes (hooks/cases.go) has its key (workspace.timeline.<type>; a test reads the Go source).
 */
export function describeEvent(ev, labels) {
	const data = ev.data || {};
	const state = (k) => (k ? labels.state(k) : '');
	const out = { kind: ev.type, from: state(ev.from), to: state(ev.to), text: { key: `workspace.timeline.${ev.type}`, params: {} }, details: [] };
	switch (ev.type) {
		case 'created':
			out.text.params = { state: out.to };
			if (data.channel) out.text.key = `workspace.timeline.created_${data.channel === 'in_person' ? 'in_person' : 'online'}`;
			break;
		case 'transition': {
			const stay = ev.from === ev.to;
			out.text = { key: stay ? 'workspace.timeline.stay' : 'workspace.timeline.transition', params: { transition: labels.transition(data.transition), from: out.from, to: out.to } };
			for (const [key, value] of Object.entries(data.step || {})) {
				if (value === null || value === undefined || value === '') continue;
				out.details.push([labels.stepField(data.transition, key), labels.stepValue(data.transition, key, value)]);
			}
			if (data.comment) out.details.push([null, data.comment]);
			break;
		}
		case 'assigned':
			out.text = data.assignee
				? { key: 'workspace.timeline.assigned', params: { name: labels.staff(data.assignee) } }
				: { key: 'workspace.timeline.unassigned', params: {} };
			break;
		case 'timer_skipped':
			if (data.reason?.message) out.details.push([null, data.reason.message]);
			break;
		case 'migrated':
			out.text.params = { from: out.from, to: out.to };
			break;
		case 'consent_withdrawn': {
			const n = Array.isArray(data.removed) ? data.removed.length : 0;
			const purpose = data.purpose ? (labels.purpose ? labels.purpose(data.purpose) : data.purpose) : '';
			out.text = { key: n ? 'workspace.timeline.consent_withdrawn_removed' : 'workspace.timeline.consent_withdrawn', params: { purpose, n } };
			break;
		}
	}
	return out;
}

/** Who did it: a staff name, or a catalog key for the participant or the system. */
export function actorOf(ev, staffName) {
	if (ev.actor) return { name: staffName(ev.actor) };
	return { key: ev.actor_kind === 'participant' ? 'workspace.timeline.by_participant' : 'workspace.timeline.by_system' };
}
