import type { Kysely, Transaction } from 'kysely';
import { PASS_KEY_ALGORITHM, type PassPublicKey } from '../../src/lib/shared/gate/pass';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/*
 * Each prison's key pair for signing visit passes (ECDSA P-256, WebCrypto), made the first time a
 * pass or the day's list needs it and kept in prison_pass_keys. Two processes making one at the
 * same moment both insert `on conflict do nothing` and then read back the winner, so every pass of
 * a prison is signed with the one key its tablets have. The private key never leaves the server.
 */

export interface PrisonPassKey {
	publicKey: PassPublicKey;
	privateKey: CryptoKey;
}

const subtle = globalThis.crypto.subtle;
/** Imported keys by prison: a key never changes once stored, so it is safe to keep. */
const loaded = new Map<string, Promise<PrisonPassKey>>();

export function prisonPassKey(db: Db, prisonId: string): Promise<PrisonPassKey> {
	let key = loaded.get(prisonId);
	if (!key) {
		key = loadOrCreate(db, prisonId);
		loaded.set(prisonId, key);
		key.catch(() => loaded.delete(prisonId));
	}
	return key;
}

async function loadOrCreate(db: Db, prisonId: string): Promise<PrisonPassKey> {
	let row = await readKey(db, prisonId);
	if (!row) {
		const pair = (await subtle.generateKey(PASS_KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
		const [publicJwk, privateJwk] = await Promise.all([subtle.exportKey('jwk', pair.publicKey), subtle.exportKey('jwk', pair.privateKey)]);
		await db
			.insertInto('prisonPassKeys')
			.values({
				prisonId,
				publicKey: jsonb(publicJwk as Record<string, unknown>),
				privateKey: jsonb(privateJwk as Record<string, unknown>)
			})
			.onConflict((oc) => oc.column('prisonId').doNothing())
			.execute();
		row = await readKey(db, prisonId);
		if (!row) throw new Error('A prison pass key was stored but cannot be read');
	}
	const jwk = row.privateKey as JsonWebKey;
	const privateKey = await subtle.importKey('jwk', jwk, PASS_KEY_ALGORITHM, false, ['sign']);
	const pub = row.publicKey as { x: string; y: string };
	return { publicKey: { kty: 'EC', crv: 'P-256', x: pub.x, y: pub.y }, privateKey };
}

function readKey(db: Db, prisonId: string) {
	return db.selectFrom('prisonPassKeys').select(['publicKey', 'privateKey']).where('prisonId', '=', prisonId).executeTakeFirst();
}
