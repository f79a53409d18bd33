// Staff passwords: scrypt (node:crypto) stored as a self-describing string, so parameters can be raised
// later without breaking existing hashes:  scrypt$N$r$p$<salt base64url>$<key base64url>
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PREFIX = 'scrypt';
// N = 2^15, r = 8, p = 1: tens of milliseconds and 32 MiB per hash on this project's 2-core machines.
// OWASP suggests N = 2^17; raise DEFAULT_PARAMS when the hardware allows, and passwordNeedsRehash()
// lets stored hashes follow at their next login.
const DEFAULT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

interface ScryptParams {
	N: number;
	r: number;
	p: number;
}

function deriveKey(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
	const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
	});
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await deriveKey(password, salt, DEFAULT_PARAMS, KEY_BYTES);
	const { N, r, p } = DEFAULT_PARAMS;
	return [PREFIX, N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash extends ScryptParams {
	salt: Buffer;
	key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== PREFIX) return null;
	const [N, r, p] = parts.slice(1, 4).map(Number);
	const salt = Buffer.from(parts[4] ?? '', 'base64url');
	const key = Buffer.from(parts[5] ?? '', 'base64url');
	const valid = [N, r, p].every((n) => Number.isSafeInteger(n) && n! > 0) && salt.length > 0 && key.length > 0;
	// Guard against a corrupted row asking for absurd work.
	if (!valid || N! > 2 ** 20 || r! > 32 || p! > 16) return null;
	return { N: N!, r: r!, p: p!, salt, key };
}

/** True when password matches the stored hash. Compares in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parsed = parseHash(stored);
	if (!parsed) return false;
	const candidate = await deriveKey(password, parsed.salt, parsed, parsed.key.length);
	return timingSafeEqual(candidate, parsed.key);
}

let dummyHash: Promise<string> | null = null;

/**
 * Does the same work as verifyPassword and always answers false. Call it when the email is unknown so
 * a login for a missing account takes as long as one with a wrong password.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
	dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
	await verifyPassword(password, await dummyHash);
	return false;
}

/** True when the hash was made with weaker parameters than today's, so a successful login can re-hash. */
export function passwordNeedsRehash(stored: string): boolean {
	const parsed = parseHash(stored);
	if (!parsed) return true;
	return parsed.N < DEFAULT_PARAMS.N || parsed.r < DEFAULT_PARAMS.r || parsed.key.length < KEY_BYTES;
}
