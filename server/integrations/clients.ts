// Integration clients: systems of record allowed to post domain events. An administrator makes one
// and is shown its token once; the database keeps only the token's sha256, so a copy of the
// database cannot post events. Revoking stops the token at once. Every change is audited.
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CreatedIntegrationClient, IntegrationClientInput, IntegrationClientView } from '../../src/lib/shared/schemas-integrations';
import { auditAdmin, type AdminAction } from '../admin/audit';
import { sha256Hex } from '../auth/tokens';
import type { Database } from '../db/schema';
import { NotFound } from '../domain-errors';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The prefix tells the token apart from a visitor's device secret (exactly 43 base64url
 * characters): sent to a visitor's route it is no device bearer, so it is refused there rather
 * than registering a device.
 */
export const INTEGRATION_TOKEN_PREFIX = 'bpvi_';
const INTEGRATION_TOKEN = /^bpvi_[A-Za-z0-9_-]{43}$/;

export function newIntegrationToken(): string {
	return INTEGRATION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export interface IntegrationClient {
	id: string;
	name: string;
}

const columns = ['id', 'name', 'createdAt', 'revokedAt', 'lastUsedAt'] as const;

function view(row: { id: string; name: string; createdAt: Date; revokedAt: Date | null; lastUsedAt: Date | null }): IntegrationClientView {
	return {
		id: row.id,
		name: row.name,
		createdAt: row.createdAt.toISOString(),
		revokedAt: row.revokedAt?.toISOString() ?? null,
		lastUsedAt: row.lastUsedAt?.toISOString() ?? null
	};
}

export async function listIntegrationClients(db: Db): Promise<IntegrationClientView[]> {
	const rows = await db.selectFrom('integrationClients').select(columns).orderBy('createdAt').orderBy('id').execute();
	return rows.map(view);
}

export async function createIntegrationClient(
	db: Kysely<Database>,
	action: AdminAction,
	input: IntegrationClientInput
): Promise<CreatedIntegrationClient> {
	const token = newIntegrationToken();
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('integrationClients')
			.values({ name: input.name, tokenHash: sha256Hex(token), createdBy: action.staff.id, createdAt: action.now })
			.returning(columns)
			.executeTakeFirstOrThrow();
		await auditAdmin(trx, action, 'integration.create', row.id, { name: row.name });
		return { client: view(row), token };
	});
}

/** Revokes a client (again is harmless: it stays revoked from the first time). */
export async function revokeIntegrationClient(db: Kysely<Database>, action: AdminAction, id: string): Promise<IntegrationClientView> {
	return db.transaction().execute(async (trx) => {
		const before = await trx.selectFrom('integrationClients').select(columns).where('id', '=', id).forUpdate().executeTakeFirst();
		if (!before) throw new NotFound('integrations.notFound');
		if (before.revokedAt) return view(before);
		const row = await trx
			.updateTable('integrationClients')
			.set({ revokedAt: action.now })
			.where('id', '=', id)
			.returning(columns)
			.executeTakeFirstOrThrow();
		await auditAdmin(trx, action, 'integration.revoke', row.id, { name: row.name });
		return view(row);
	});
}

/** The live client holding this bearer, or null (no bearer, not an integration token, unknown or revoked). */
export async function integrationClientOf(db: Db, authorization: string | undefined): Promise<IntegrationClient | null> {
	const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
	if (!token || !INTEGRATION_TOKEN.test(token)) return null;
	const row = await db
		.selectFrom('integrationClients')
		.select(['id', 'name'])
		.where('tokenHash', '=', sha256Hex(token))
		.where('revokedAt', 'is', null)
		.executeTakeFirst();
	return row ?? null;
}
