// Administrators' staff users: create one with a one-time set-password link, assign prisons, make
// or unmake an administrator, deactivate (which ends their sessions at once). The link's token is
// stored only as its sha256, works once and expires.
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { t } from '../../src/lib/shared/i18n';
import type {
	AdminStaffUserView,
	SetPasswordInput,
	SetPasswordLinkView,
	StaffUserInput,
	StaffUserUpdateInput
} from '../../src/lib/shared/schemas-admin';
import { hashPassword } from '../auth/passwords';
import { destroyAllSessionsOf } from '../auth/sessions';
import { randomToken, sha256Hex } from '../auth/tokens';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { Conflict, InvalidInput, NotFound } from '../domain-errors';
import { auditAdmin, type AdminAction } from './audit';

export const SET_PASSWORD_TTL_MS = 72 * 60 * 60 * 1000;

export type AdminStaffUser = AdminStaffUserView;
export type SetPasswordLink = SetPasswordLinkView;

type Db = Kysely<Database> | Transaction<Database>;

export async function listStaffUsers(db: Db, staffId?: string): Promise<AdminStaffUser[]> {
	let query = db.selectFrom('staffUsers').select(['id', 'email', 'name', 'admin', 'deactivatedAt']).orderBy('name').orderBy('email');
	if (staffId) query = query.where('id', '=', staffId);
	const users = await query.execute();
	const links =
		users.length === 0
			? []
			: await db
					.selectFrom('staffPrisons')
					.select(['staffId', 'prisonId'])
					.where(
						'staffId',
						'in',
						users.map((u) => u.id)
					)
					.execute();
	return users.map((user) => ({
		id: user.id,
		email: user.email,
		name: user.name,
		admin: user.admin,
		active: user.deactivatedAt === null,
		prisonIds: links
			.filter((link) => link.staffId === user.id)
			.map((link) => link.prisonId)
			.sort()
	}));
}

async function findUser(db: Db, staffId: string): Promise<AdminStaffUser> {
	const [user] = await listStaffUsers(db, staffId);
	if (!user) throw new NotFound('admin.staff.notFound');
	return user;
}

async function checkPrisonsExist(trx: Transaction<Database>, prisonIds: string[]): Promise<void> {
	if (prisonIds.length === 0) return;
	const found = await trx.selectFrom('prisons').select('id').where('id', 'in', prisonIds).execute();
	const fields: Record<string, string> = {};
	prisonIds.forEach((id, index) => {
		if (!found.some((row) => row.id === id)) fields[`prisonIds.${index}`] = t('field.prison.unknown');
	});
	if (Object.keys(fields).length > 0) throw new InvalidInput('platform.error.validation', { fields });
}

async function setPrisons(trx: Transaction<Database>, staffId: string, prisonIds: string[]): Promise<void> {
	await checkPrisonsExist(trx, prisonIds);
	await trx.deleteFrom('staffPrisons').where('staffId', '=', staffId).execute();
	if (prisonIds.length > 0)
		await trx
			.insertInto('staffPrisons')
			.values(prisonIds.map((prisonId) => ({ staffId, prisonId })))
			.execute();
}

async function issueLink(trx: Transaction<Database>, action: AdminAction, staffId: string): Promise<SetPasswordLink> {
	const token = randomToken();
	const expiresAt = new Date(action.now.getTime() + SET_PASSWORD_TTL_MS);
	// A new link replaces any older one still unused.
	await trx.deleteFrom('staffPasswordTokens').where('staffId', '=', staffId).where('usedAt', 'is', null).execute();
	await trx
		.insertInto('staffPasswordTokens')
		.values({ tokenHash: sha256Hex(token), staffId, createdBy: action.staff.id, createdAt: action.now, expiresAt })
		.execute();
	return { path: `/staff/set-password#token=${token}`, expiresAt: expiresAt.toISOString() };
}

export async function createStaffUser(db: Kysely<Database>, action: AdminAction, input: StaffUserInput) {
	try {
		return await db.transaction().execute(async (trx) => {
			// Nobody knows this password: the user sets their own through the link.
			const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
			const { id } = await trx
				.insertInto('staffUsers')
				.values({ email: input.email, name: input.name, admin: input.admin, passwordHash, createdAt: action.now })
				.returning('id')
				.executeTakeFirstOrThrow();
			await setPrisons(trx, id, input.prisonIds);
			const link = await issueLink(trx, action, id);
			await auditAdmin(trx, action, 'admin.staff.create', id, {
				email: input.email,
				name: input.name,
				admin: input.admin,
				prisonIds: input.prisonIds
			});
			return { user: await findUser(trx, id), link };
		});
	} catch (error) {
		if (isUniqueViolation(error, 'staff_users_email_key')) {
			throw new Conflict('admin.field.email.taken', { code: 'email_taken', field: 'email' });
		}
		throw error;
	}
}

export async function updateStaffUser(db: Kysely<Database>, action: AdminAction, staffId: string, input: StaffUserUpdateInput) {
	return db.transaction().execute(async (trx) => {
		const before = await findUser(trx, staffId);
		const fields: { name?: string; admin?: boolean } = {};
		if (input.name !== undefined) fields.name = input.name;
		if (input.admin !== undefined) fields.admin = input.admin;
		if (Object.keys(fields).length > 0) await trx.updateTable('staffUsers').set(fields).where('id', '=', staffId).execute();
		if (input.prisonIds) await setPrisons(trx, staffId, input.prisonIds);
		await auditAdmin(trx, action, 'admin.staff.update', staffId, {
			before: { name: before.name, admin: before.admin, prisonIds: before.prisonIds },
			after: input
		});
		return findUser(trx, staffId);
	});
}

export async function newSetPasswordLink(db: Kysely<Database>, action: AdminAction, staffId: string) {
	return db.transaction().execute(async (trx) => {
		const user = await findUser(trx, staffId);
		if (!user.active) throw new Conflict('admin.staff.deactivated', { code: 'deactivated' });
		const link = await issueLink(trx, action, staffId);
		await auditAdmin(trx, action, 'admin.staff.link', staffId, {});
		return { user, link };
	});
}

/** Deactivates a user: no sign-in from now on, every session ended in the same transaction. */
export async function deactivateStaffUser(db: Kysely<Database>, action: AdminAction, staffId: string) {
	if (staffId === action.staff.id) throw new Conflict('admin.staff.selfDeactivate', { code: 'self_deactivate' });
	return db.transaction().execute(async (trx) => {
		const user = await findUser(trx, staffId);
		if (user.active) {
			await trx.updateTable('staffUsers').set({ deactivatedAt: action.now }).where('id', '=', staffId).execute();
			await destroyAllSessionsOf(trx, staffId);
			await trx.deleteFrom('staffPasswordTokens').where('staffId', '=', staffId).execute();
			await trx.deleteFrom('pushSubscriptions').where('staffId', '=', staffId).execute();
			await auditAdmin(trx, action, 'admin.staff.deactivate', staffId, {});
		}
		return findUser(trx, staffId);
	});
}

/**
 * Sets a password from a one-time link: the token must be known, unused, unexpired and its user
 * active. Claiming the token and setting the password are one transaction, so a link used twice at
 * once works only once.
 */
export async function setPasswordFromLink(db: Kysely<Database>, input: SetPasswordInput, now: Date): Promise<{ email: string }> {
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		const claimed = await trx
			.updateTable('staffPasswordTokens')
			.set({ usedAt: now })
			.where('tokenHash', '=', sha256Hex(input.token))
			.where('usedAt', 'is', null)
			.where('expiresAt', '>', now)
			.returning('staffId')
			.executeTakeFirst();
		const user = claimed
			? await trx
					.selectFrom('staffUsers')
					.select(['id', 'email'])
					.where('id', '=', claimed.staffId)
					.where('deactivatedAt', 'is', null)
					.executeTakeFirst()
			: undefined;
		if (!user) throw new InvalidInput('admin.setPassword.linkInvalid', { field: 'token' });
		await trx.updateTable('staffUsers').set({ passwordHash }).where('id', '=', user.id).execute();
		await destroyAllSessionsOf(trx, user.id);
		await trx
			.insertInto('auditLog')
			.values({ staffId: user.id, prisonId: null, action: 'staff.set-password', target: user.id, detail: '{}', at: now })
			.execute();
		return { email: user.email };
	});
}
