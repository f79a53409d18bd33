// Visitors' accounts (GOV.UK One Login): a phone that signs in is linked to the account of its `sub`,
// and from then on sees and acts on the requests of every phone that has been linked to that account.
// The account is known only by a hash of its issuer and sub; the sub is never stored or logged.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Locale } from '../../src/lib/shared/i18n';
import type { VisitorInput } from '../../src/lib/shared/schemas';
import type { SavedVisitor } from '../../src/lib/shared/schemas-accounts';
import { gatheredPer } from '../db/group-commit';
import type { Database } from '../db/schema';
import { randomToken, sha256Hex } from '../auth/tokens';

type Db = Kysely<Database> | Transaction<Database>;

/** How long the app's one-time start token lasts: the browser uses it at once. */
const START_TOKEN_TTL_MS = 2 * 60 * 1000;

export function subjectHash(issuer: string, sub: string): string {
	return sha256Hex(`${issuer}\u0000${sub}`);
}

/**
 * Every device whose requests this device sees: itself and, while it is signed in, every device
 * that has ever been linked to its account (a phone that signed out keeps its visits in the
 * account). Each read and action of a visitor goes through here, by way of ownedBy/ownsRequest.
 */
export function devicesVisibleTo(column: 'visitRequests.deviceId' | 'requestDevices.deviceId', deviceId: string) {
	return sql<boolean>`(${sql.ref(column)} = ${deviceId} or ${sql.ref(column)} in (
		select theirs.device_id from account_devices mine
		join account_devices theirs on theirs.account_id = mine.account_id
		where mine.device_id = ${deviceId} and mine.unlinked_at is null))`;
}

/** The accounts many devices are signed in to, in the order asked (null for none). */
async function accountsOfDevices(db: Kysely<Database>, deviceIds: readonly string[]): Promise<(string | null)[]> {
	const rows = await db
		.selectFrom('accountDevices')
		.select(['deviceId', 'accountId'])
		.where('deviceId', 'in', [...new Set(deviceIds)])
		.where('unlinkedAt', 'is', null)
		.execute();
	const byDevice = new Map(rows.map((row) => [row.deviceId, row.accountId]));
	return deviceIds.map((id) => byDevice.get(id) ?? null);
}

const accountOfDeviceGathered = gatheredPer(accountsOfDevices);

/** The account this device is signed in to, or null. */
export async function accountOfDevice(db: Db, deviceId: string): Promise<string | null> {
	const row = await db
		.selectFrom('accountDevices')
		.select('accountId')
		.where('deviceId', '=', deviceId)
		.where('unlinkedAt', 'is', null)
		.executeTakeFirst();
	return row?.accountId ?? null;
}

/** A one-time token for the browser to start this device's sign-in with (the bearer stays out of URLs). */
export async function issueStartToken(db: Db, deviceId: string, language: Locale, now: Date): Promise<string> {
	const token = randomToken();
	await db.deleteFrom('oidcStartTokens').where('expiresAt', '<', now).execute();
	await db
		.insertInto('oidcStartTokens')
		.values({ tokenHash: sha256Hex(token), deviceId, language, expiresAt: new Date(now.getTime() + START_TOKEN_TTL_MS) })
		.execute();
	return token;
}

/** The device and language a start token was issued for; the token works once. */
export async function redeemStartToken(db: Db, token: string, now: Date): Promise<{ deviceId: string; language: Locale } | null> {
	const row = await db.deleteFrom('oidcStartTokens').where('tokenHash', '=', sha256Hex(token)).returningAll().executeTakeFirst();
	if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
	return { deviceId: row.deviceId, language: row.language };
}

/** Links the device to the account of this subject (made on first sign-in); a device has one account at a time. */
export async function linkDevice(db: Kysely<Database>, link: { subjectHash: string; deviceId: string; now: Date }): Promise<string> {
	return db.transaction().execute(async (trx) => {
		const account = await trx
			.insertInto('accounts')
			.values({ subjectHash: link.subjectHash, createdAt: link.now, lastSignInAt: link.now })
			.onConflict((oc) => oc.column('subjectHash').doUpdateSet({ lastSignInAt: link.now }))
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('accountDevices')
			.set({ unlinkedAt: link.now })
			.where('deviceId', '=', link.deviceId)
			.where('unlinkedAt', 'is', null)
			.where('accountId', '<>', account.id)
			.execute();
		await trx
			.insertInto('accountDevices')
			.values({ accountId: account.id, deviceId: link.deviceId, linkedAt: link.now })
			.onConflict((oc) => oc.columns(['accountId', 'deviceId']).doUpdateSet({ unlinkedAt: null, linkedAt: link.now }))
			.execute();
		return account.id;
	});
}

/**
 * Signing out: the device leaves the account (its visits stay with the account) and its credential is
 * revoked, since the phone forgets it and starts again as a new device with an empty store. Its push
 * subscriptions and waiting-list places go with it: that phone is no longer told about the account.
 */
export async function signOutDevice(db: Kysely<Database>, deviceId: string, now: Date): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const unlinked = await trx
			.updateTable('accountDevices')
			.set({ unlinkedAt: now })
			.where('deviceId', '=', deviceId)
			.where('unlinkedAt', 'is', null)
			.executeTakeFirst();
		if (Number(unlinked.numUpdatedRows) === 0) return false;
		await trx.deleteFrom('pushSubscriptions').where('deviceId', '=', deviceId).execute();
		await trx.deleteFrom('waitlistEntries').where('deviceId', '=', deviceId).execute();
		await trx.updateTable('visitorDevices').set({ revokedAt: now }).where('id', '=', deviceId).execute();
		return true;
	});
}

/** The visitors a signed-in family keeps, by name. */
export async function savedVisitors(db: Db, accountId: string): Promise<SavedVisitor[]> {
	const rows = await db
		.selectFrom('accountVisitors')
		.select(['id', 'firstName', 'lastName', 'dateOfBirth', 'email', 'phone'])
		.where('accountId', '=', accountId)
		.orderBy('lastName')
		.orderBy('firstName')
		.orderBy('id')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		firstName: row.firstName,
		lastName: row.lastName,
		dateOfBirth: row.dateOfBirth,
		...(row.email ? { email: row.email } : {}),
		...(row.phone ? { phone: row.phone } : {})
	}));
}

/**
 * Keeps the visitors of a request a signed-in device sent, for next time: one per name and date of
 * birth (compared without case), the newest contact details winning. Nothing for a signed-out device.
 */
export async function rememberVisitors(
	db: Kysely<Database>,
	deviceId: string,
	visitors: readonly VisitorInput[],
	now: Date
): Promise<void> {
	// Most phones are not signed in: one indexed read, and no transaction, for them; shared by the
	// submits that arrive together (db/group-commit.ts).
	const accountId = await accountOfDeviceGathered(db, deviceId);
	if (!accountId) return;
	await db.transaction().execute(async (trx) => {
		// One at a time per account: two requests sent together must not keep a visitor twice.
		await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute();
		for (const visitor of visitors) {
			const same = await trx
				.selectFrom('accountVisitors')
				.select('id')
				.where('accountId', '=', accountId)
				.where(sql<boolean>`lower(first_name) = lower(${visitor.firstName}) and lower(last_name) = lower(${visitor.lastName})`)
				.where('dateOfBirth', '=', visitor.dateOfBirth)
				.executeTakeFirst();
			const details = {
				firstName: visitor.firstName,
				lastName: visitor.lastName,
				email: visitor.email ?? null,
				phone: visitor.phone ?? null,
				updatedAt: now
			};
			if (same) await trx.updateTable('accountVisitors').set(details).where('id', '=', same.id).execute();
			else
				await trx
					.insertInto('accountVisitors')
					.values({ ...details, accountId, dateOfBirth: visitor.dateOfBirth, createdAt: now })
					.execute();
		}
	});
}

/** Deletes one kept visitor of the device's account; false if there is no such visitor there. */
export async function deleteSavedVisitor(db: Db, deviceId: string, visitorId: string): Promise<boolean> {
	const accountId = await accountOfDevice(db, deviceId);
	if (!accountId) return false;
	const deleted = await db.deleteFrom('accountVisitors').where('id', '=', visitorId).where('accountId', '=', accountId).executeTakeFirst();
	return Number(deleted.numDeletedRows) > 0;
}

/** "Forget me" from a signed-in phone forgets the account too: its kept visitors and its links. */
export async function forgetAccountOf(trx: Transaction<Database>, deviceId: string): Promise<void> {
	const accountId = await accountOfDevice(trx, deviceId);
	if (accountId) await trx.deleteFrom('accounts').where('id', '=', accountId).execute();
}
