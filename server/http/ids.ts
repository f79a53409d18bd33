const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are checked before they reach a uuid column, where a malformed one would be a database error. */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/** A uuid with an upper-case letter in it, anywhere in a URL. */
const UPPER_CASE_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HAS_UPPER_CASE = /[A-F]/;

/**
 * Ids have one form everywhere: lower case. PostgreSQL finds a uuid in either case, but access
 * checks, rate limits and caches key on the text, where an id in upper case would be another key
 * (another prison's bucket, a 403 for the officer's own prison, a cache entry no closure clears).
 * So every uuid in a request's path and query is made lower case once, before routing: every
 * id-bearing route, and any added later, sees only the canonical form. Bodies are the schemas' to
 * canonicalise (src/lib/shared/schemas.ts `uuid`). A request already in that form is passed as it is.
 */
export function withCanonicalIds(request: Request): Request {
	const { url } = request;
	let changed = false;
	const canonical = url.replace(UPPER_CASE_UUID, (id) => {
		if (!HAS_UPPER_CASE.test(id)) return id;
		changed = true;
		return id.toLowerCase();
	});
	return changed ? new Request(canonical, request) : request;
}
