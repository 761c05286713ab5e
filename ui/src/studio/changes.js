// Definition paths and changes in words: "Feld „Arbeitgeber“ – Sichtbar wenn".
// t is the translation function (passed in, so this stays testable).
import { textOf } from './text.js';

/** What the parts of a path are called: containers with their element's name, properties by key. */
const CONTAINERS = {
	sections: 'section',
	fields: 'field',
	states: 'state',
	transitions: 'transition',
	case_fields: 'case_field',
	tests: 'test',
	options: 'option',
	validations: 'validation',
	actions: 'action',
	on_enter: 'on_enter',
};

function nameOf(kind, el, i) {
	if (kind === 'test') return el?.name || String(i + 1);
	if (kind === 'option') return el?.value || String(i + 1);
	if (kind === 'validation') return el?.code || String(i + 1);
	if (kind === 'action' || kind === 'on_enter') return String(i + 1);
	const label = textOf(el?.label || el?.title);
	return label || el?.key || String(i + 1);
}

/**
 * A path of a definition in words, e.g. "Abschnitt „Zur Person“ › Feld
 * „Arbeitgeber“ › Sichtbar wenn". Unknown parts stay as they are.
 */
export function pathLabel(def, path, t) {
	const parts = [];
	let cur = def;
	const tokens = String(path || '').match(/[^.[\]]+/g) || [];
	for (let i = 0; i < tokens.length; i++) {
		const tok = tokens[i];
		const kind = CONTAINERS[tok];
		if (kind && /^\d+$/.test(tokens[i + 1] || '')) {
			const n = Number(tokens[++i]);
			cur = cur?.[tok]?.[n];
			parts.push(t(`studio.path.${kind}`, { name: nameOf(kind, cur, n) }));
			continue;
		}
		if (tok === 'step_form' || tok === 'sla' || tok === 'consent') {
			parts.push(t(`studio.prop.${tok}`));
			cur = cur?.[tok];
			continue;
		}
		cur = cur?.[tok];
		const prop = t(`studio.prop.${tok}`);
		parts.push(prop.startsWith('studio.') ? tok : prop);
	}
	return parts.join(' › ') || t('studio.path.root');
}

/** One change of the diff in words. */
export function describeChange(c, t) {
	const what = c.kind === 'form' || c.kind === 'workflow' ? t(`studio.change.kind_${c.kind}`) : t(`studio.change.kind_${c.kind}`, { key: c.key });
	const props = (c.props || []).map((p) => {
		const s = t(`studio.prop.${p}`);
		return s.startsWith('studio.') ? p : s;
	});
	if (c.change === 'changed') return t('studio.change.changed', { what, props: props.join(', ') });
	if (c.change === 'moved') return c.from && c.from !== c.where ? t('studio.change.moved_to', { what, where: c.where }) : t('studio.change.moved', { what });
	return t(`studio.change.${c.change}`, { what });
}
