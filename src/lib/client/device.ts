import { META, type BookAPrisonVisitDb } from './db';

/*
 * The visitor device credential: 32 random bytes made here at first use, so a phone with no
 * signal can queue requests straight away. The server registers a secret the first time it sees
 * it and keeps only its hash, so losing or replacing the secret loses access to the requests made
 * with it: only resetDeviceSecret() replaces it, and only the sync engine calls that.
 */

const SECRET_BYTES = 32;
/** base64url of 32 bytes without padding is always 43 characters. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function makeDeviceSecret(): string {
	const bytes = new Uint8Array(SECRET_BYTES);
	crypto.getRandomValues(bytes);
	return toBase64Url(bytes);
}

export function isWellFormedDeviceSecret(value: unknown): value is string {
	return typeof value === 'string' && SECRET_PATTERN.test(value);
}

/** The device's secret, made and stored on first use. Safe to call from several tabs at once. */
export async function getDeviceSecret(db: BookAPrisonVisitDb): Promise<string> {
	const stored = (await db.meta.get(META.deviceSecret))?.value;
	if (isWellFormedDeviceSecret(stored)) return stored;
	// Read-and-create in one readwrite transaction: IndexedDB runs these one at a time per store,
	// so two tabs starting together still end with a single secret.
	return db.transaction('rw', db.meta, async () => {
		const current = (await db.meta.get(META.deviceSecret))?.value;
		if (isWellFormedDeviceSecret(current)) return current;
		const secret = makeDeviceSecret();
		await db.meta.put({ key: META.deviceSecret, value: secret });
		return secret;
	});
}

/** Replaces the secret (after the server refused it) and records when, so it happens once. */
export async function resetDeviceSecret(db: BookAPrisonVisitDb, now: number = Date.now()): Promise<string> {
	const secret = makeDeviceSecret();
	await db.transaction('rw', db.meta, async () => {
		await db.meta.put({ key: META.deviceSecret, value: secret });
		await db.meta.put({ key: META.deviceSecretResetAt, value: now });
		await db.meta.delete(META.deviceSecretAcceptedAt);
	});
	return secret;
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
