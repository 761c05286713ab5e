// A diagnostic in German: our text for its code, else the server's message.
import { lookup, t } from '../lib/locale.svelte.js';

export function diagText(d, position = false) {
	const own = lookup(`studio.diag.${d.code}`);
	return {
		severity: d.severity === 'error' ? t('studio.diag.error') : t('studio.diag.warning'),
		where: position && d.line ? t('studio.diag.position', { line: d.line, column: d.column }) : '',
		text: own || d.message,
		detail: own && d.message && d.message !== own ? d.message : '',
	};
}
