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
