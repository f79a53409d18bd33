import { sql, type Kysely } from 'kysely';
import webpush from 'web-push';
import type { Database } from '../db/schema';

/*
 * The server's VAPID identity (RFC 8292). Browsers bind each subscription to the public key the
 * PWA subscribed with; new keys would silently orphan every subscription, so the keys are made
 * once and kept in the database, shared by every server process.
 */

export interface VapidKeys {
	publicKey: string;
	privateKey: string;
	/** Who to contact about this sender: mailto: or https: (see validateVapidSubject). */
	subject: string;
}

const SETTING_KEY = 'vapid';

/**
 * Push services want a way to reach the sender. Apple's service (web.push.apple.com) rejects
 * a JWT whose `sub` is anything but mailto: or https: (e.g. http: or https://localhost) with
 * 403 BadJwtToken, so every push to Safari/iOS would fail; refuse such a subject at start instead.
 */
export function validateVapidSubject(subject: string): string {
	let url: URL;
	try {
		url = new URL(subject);
	} catch {
		throw new Error(`VAPID subject must be a mailto: or https: URL, got "${subject}"`);
	}
	if (url.protocol === 'mailto:') {
		if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(url.pathname)) {
			throw new Error(`VAPID subject must be a mailto: with an email address, got "${subject}"`);
		}
		return subject;
	}
	if (url.protocol !== 'https:') {
		throw new Error(`VAPID subject must be a mailto: or https: URL, got "${subject}"`);
	}
	const host = url.hostname;
	if (host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]') {
		throw new Error(`VAPID subject must be a public address, got "${subject}"`);
	}
	return subject;
}

interface StoredKeys {
	publicKey: string;
	privateKey: string;
}

function isStoredKeys(value: unknown): value is StoredKeys {
	const v = value as Partial<StoredKeys> | null;
	return typeof v?.publicKey === 'string' && typeof v.privateKey === 'string';
}

async function readKeys(db: Kysely<Database>): Promise<StoredKeys | undefined> {
	const row = await db.selectFrom('appSettings').select('value').where('key', '=', SETTING_KEY).executeTakeFirst();
	if (!row) return undefined;
	// jsonb arrives parsed from both pg and PGlite; a string would mean it was stored double-encoded.
	const value: unknown = typeof row.value === 'string' ? JSON.parse(row.value) : row.value;
	if (!isStoredKeys(value)) throw new Error("app_settings 'vapid' does not hold VAPID keys");
	return value;
}

/**
 * The VAPID keys for this installation: made with web-push on first start, then the same on
 * every start and in every process. Two processes starting at once both try to insert; the
 * `on conflict do nothing` lets exactly one win and both read back the winner's keys.
 */
export async function loadVapidKeys(db: Kysely<Database>, subject: string): Promise<VapidKeys> {
	validateVapidSubject(subject);
	let stored = await readKeys(db);
	if (!stored) {
		const fresh = webpush.generateVAPIDKeys();
		await db
			.insertInto('appSettings')
			.values({ key: SETTING_KEY, value: sql`${JSON.stringify(fresh)}::jsonb` })
			.onConflict((oc) => oc.column('key').doNothing())
			.execute();
		stored = await readKeys(db);
		if (!stored) throw new Error('VAPID keys were not stored');
	}
	return { publicKey: stored.publicKey, privateKey: stored.privateKey, subject };
}

/** The subject the server uses when VAPID_SUBJECT is not set (PUBLIC_URL if it is https). */
export function vapidSubjectFromEnv(env: NodeJS.ProcessEnv = process.env): string {
	if (env.VAPID_SUBJECT) return env.VAPID_SUBJECT;
	if (env.PUBLIC_URL?.startsWith('https:')) return env.PUBLIC_URL;
	return 'mailto:visits-support@example.gov.uk';
}
