// Field paths as the server uses them: "first_name", "languages[1].level".

/** Path of a field: top level "key", inside a repeat row "group[i].key". */
export function childPath(parent, key) {
	return parent ? `${parent}.${key}` : key;
}

export function rowPath(groupPath, index) {
	return `${groupPath}[${index}]`;
}

/**
 * The spellings a rule list may use for one concrete path: the path itself and
 * its row-independent forms "languages[].level", "languages[*].level" and
 * "languages.level".
 */
export function pathVariants(path) {
	if (!path.includes('[')) return [path];
	return [path, path.replace(/\[\d+\]/g, '[]'), path.replace(/\[\d+\]/g, '[*]'), path.replace(/\[\d+\]/g, '')];
}

/** True when `list` (hidden, required) names `path` in any of its spellings. */
export function listHas(list, path) {
	if (!list || !list.length) return false;
	return pathVariants(path).some((p) => list.includes(p));
}

/** A DOM id for a path: "languages[1].level" → "f-languages-1-level". */
export function fieldId(path, prefix = 'f') {
	return `${prefix}-${path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
}

/** Reads a path like "languages[1].level" from an answers object. */
export function getAt(obj, path) {
	let cur = obj;
	for (const part of path.match(/[^.[\]]+/g) || []) {
		if (cur == null) return undefined;
		cur = cur[part];
	}
	return cur;
}
