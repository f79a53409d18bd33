// Visitor devices. A device makes its own 32-byte secret at first use (it may be offline then) and sends
// it as `Authorization: Bearer <secret>`. The server keeps only the secret's sha256 and registers the
// device the first time that hash makes a WRITE: there is no separate sign-up step to fail while
// offline. A read with an unknown secret writes nothing (it was one row per read): it
// is answered as a device with nothing yet, under an id that matches no row.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { gatheredPer } from '../db/group-commit';
import type { Database } from '../db/schema';
import { sha256Hex } from './tokens';

/** 32 bytes as unpadded base64url is exactly 43 characters. */
const DEVICE_SECRET = /^[A-Za-z0-9_-]{43}$/;
// Recording "last seen" on every request would turn reads into writes; hourly is enough for housekeeping.
const TOUCH_AFTER_MS = 60 * 60 * 1000;

export interface DeviceIdentity {
	id: string;
	/** True when this request created the device. */
	registered: boolean;
	/** False for a secret not seen before on a read: nothing is stored, and `id` matches no row. */
	stored: boolean;
}

/**
 * The device holding this secret, null if it has never written anything, or 'revoked' for a device
 * that asked to be forgotten: its secret is refused from then on (migration 009).
 */
export async function findDevice(db: Kysely<Database>, secret: string, now: Date): Promise<DeviceIdentity | 'revoked' | null> {
	const secretHash = sha256Hex(secret);
	const existing = await lookUpOne(db, secretHash);
	if (!existing) return null;
	if (existing.revokedAt) return 'revoked';
	if (now.getTime() - existing.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
		await db.updateTable('visitorDevices').set({ lastSeenAt: now }).where('id', '=', existing.id).execute();
	}
	return { id: existing.id, registered: false, stored: true };
}

interface DeviceRow {
	id: string;
	lastSeenAt: Date;
	revokedAt: Date | null;
}

/** The devices of many secrets' hashes in one read, in the order asked. */
async function lookUp(db: Kysely<Database>, hashes: readonly string[]): Promise<(DeviceRow | undefined)[]> {
	const rows = await db
		.selectFrom('visitorDevices')
		.select(['id', 'secretHash', 'lastSeenAt', 'revokedAt'])
		.where('secretHash', 'in', [...new Set(hashes)])
		.execute();
	const byHash = new Map(rows.map((row) => [row.secretHash, row]));
	return hashes.map((hash) => byHash.get(hash));
}

// Every request of a device starts with this read: requests that arrive together share it.
const lookUpOne = gatheredPer(lookUp);

/** What a read with an unknown secret acts as: a device with no requests and no subscriptions. */
export function unstoredDevice(): DeviceIdentity {
	return { id: randomUUID(), registered: false, stored: false };
}

/** The secret from an `Authorization: Bearer …` header, or null when absent or not a well-formed secret. */
export function parseDeviceBearer(authorization: string | undefined): string | null {
	if (!authorization) return null;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
	const secret = match?.[1];
	return secret && DEVICE_SECRET.test(secret) ? secret : null;
}

/** Registers a device not found by findDevice. Safe when two first requests race; null if the secret was revoked meanwhile. */
export async function registerDevice(db: Kysely<Database>, secret: string, now: Date): Promise<DeviceIdentity | null> {
	const secretHash = sha256Hex(secret);
	const inserted = await db
		.insertInto('visitorDevices')
		.values({ secretHash, createdAt: now, lastSeenAt: now })
		.onConflict((oc) => oc.column('secretHash').doNothing())
		.returning('id')
		.executeTakeFirst();
	if (inserted) return { id: inserted.id, registered: true, stored: true };

	// Another request registered the same device between our select and insert.
	const raced = await db
		.selectFrom('visitorDevices')
		.select(['id', 'revokedAt'])
		.where('secretHash', '=', secretHash)
		.executeTakeFirstOrThrow();
	return raced.revokedAt ? null : { id: raced.id, registered: false, stored: true };
}

/**
 * The device holding this secret if it is known and not revoked; never registers one. For calls that
 * only make sense for an existing device (export, forget me), so a foreign bearer touches nothing.
 */
export async function findKnownDevice(db: Kysely<Database>, secret: string): Promise<string | null> {
	const row = await db
		.selectFrom('visitorDevices')
		.select(['id', 'revokedAt'])
		.where('secretHash', '=', sha256Hex(secret))
		.executeTakeFirst();
	return row && !row.revokedAt ? row.id : null;
}
