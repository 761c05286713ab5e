// Numbers typed on any phone keyboard: Arabic-Indic (٠-٩) and Persian (۰-۹)
// digits, a decimal comma or the Arabic decimal separator (٫).

export function normalizeDigits(text) {
	return String(text)
		.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
		.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
		.replace(/[\u066b,]/g, '.')
		.replace(/[\s\u066c\u00a0']/g, '')
		.replace(/^\u2212/, '-');
}

/**
 * Parses the text of a number or integer field.
 * Returns {value} (undefined for empty text) or {error: code}.
 */
export function parseNumber(text, integer = false) {
	const s = normalizeDigits(text);
	if (s === '') return { value: undefined };
	if (integer ? !/^-?\d+$/.test(s) : !/^-?(\d+\.?\d*|\.\d+)$/.test(s)) {
		return { error: integer ? 'validation_integer' : 'validation_number' };
	}
	return { value: Number(s) };
}

/**
 * The text of a calculated value: yes/no for booleans, numbers with at most
 * two decimals in the language's separators (Latin digits, like the inputs),
 * lists joined; null/undefined → null (not calculated yet).
 */
export function formatValue(value, lang, yesNo = ['yes', 'no']) {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'boolean') return value ? yesNo[0] : yesNo[1];
	if (typeof value === 'number') return new Intl.NumberFormat(lang, { maximumFractionDigits: 2, numberingSystem: 'latn' }).format(value);
	if (Array.isArray(value)) return value.join(', ');
	return String(value);
}
