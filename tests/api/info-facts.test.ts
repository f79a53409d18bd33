// The footer's pages state facts about the service (the one staff cookie, its lifetime, the default
// retention, the reference format): they must be the facts the code has.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/cookies';
import { SESSION_TTL_MS } from '../../server/auth/sessions';
import { STAFF_SESSION_COOKIE, STAFF_SESSION_HOURS, REFERENCE_EXAMPLE, RETENTION_DAYS_DEFAULT } from '../../src/lib/shared/info';
import { REFERENCE_ALPHABET } from '../../src/lib/shared/rules/reference';

describe('what the cookies, privacy and contact pages say', () => {
	it('names the session cookie the server sets, with its lifetime', () => {
		expect(STAFF_SESSION_COOKIE).toBe(SESSION_COOKIE);
		expect(STAFF_SESSION_HOURS * 60 * 60 * 1000).toBe(SESSION_TTL_MS);
	});

	it('gives the default retention period and a reference in the real format', () => {
		const schema = readFileSync(new URL('../../server/db/migrations/001_initial.ts', import.meta.url), 'utf8');
		expect(schema.match(/retention_days int not null default (\d+)/)?.[1]).toBe(String(RETENTION_DAYS_DEFAULT));
		expect(REFERENCE_EXAMPLE).toMatch(new RegExp(`^[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`));
	});
});
