/**
 * JSON with object keys sorted at every level, so two bodies that mean the same thing hash the
 * same whatever order a client wrote their keys in. Used to tell a harmless replay of a
 * submission from a different body sent under the same id.
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
	}
	return value;
}
