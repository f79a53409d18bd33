// Administrators' staff users: create one with a one-time set-password link, assign prisons, make
// or unmake an administrator, deactivate (which ends their sessions at once). The link's token is
// stored only as its sha256, works once and expires. Whom each administrator may see and change is
// scope.ts's to say; every change locks the user's row before asking, so a check and its write see one state.
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
import { endStaffStreams } from '../auth/session-streams';
import { destroyAllSessionsOf } from '../auth/sessions';
import { randomToken, sha256Hex } from '../auth/tokens';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../domain-errors';
import { auditAdmin, type AdminAction } from './audit';
import {
	assertMayChangeStaff,
	assertMayGive,
	mayChangeStaff,
	seesStaff,
	type Administrator,
	type AdministratorAction,
	type ManagedStaff
} from './scope';

export const SET_PASSWORD_TTL_MS = 72 * 60 * 60 * 1000;

export type AdminStaffUser = AdminStaffUserView;
export type SetPasswordLink = SetPasswordLinkView;

type Db = Kysely<Database> | Transaction<Database>;

interface StaffRow extends ManagedStaff {
	email: string;
	name: string;
	serviceAdmin: boolean;
	active: boolean;
}

/** Staff users with their prisons; `lock` takes the one asked for FOR UPDATE, so a check and the write it allows see one state. */
async function staffRows(db: Db, options: { staffId?: string; lock?: boolean } = {}): Promise<StaffRow[]> {
	let query = db
		.selectFrom('staffUsers')
		.select(['id', 'email', 'name', 'admin', 'serviceAdmin', 'wasAdmin', 'deactivatedAt'])
		.orderBy('name')
		.orderBy('email');
	if (options.staffId) query = query.where('id', '=', options.staffId);
	if (options.lock) query = query.forUpdate();
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
	return users.map(({ deactivatedAt, ...user }) => ({
		...user,
		active: deactivatedAt === null,
		prisonIds: links
			.filter((link) => link.staffId === user.id)
			.map((link) => link.prisonId)
			.sort()
	}));
}

function viewOf(actor: Administrator, row: StaffRow): AdminStaffUser {
	return {
		id: row.id,
		email: row.email,
		name: row.name,
		admin: row.admin,
		serviceAdmin: row.serviceAdmin,
		active: row.active,
		prisonIds: row.prisonIds,
		manageable: mayChangeStaff(actor, row)
	};
}

/** The staff users the administrator sees (a prison administrator: those wholly inside their prisons). */
export async function listStaffUsers(db: Db, actor: Administrator): Promise<AdminStaffUser[]> {
	return (await staffRows(db)).filter((row) => seesStaff(actor, row)).map((row) => viewOf(actor, row));
}

async function viewOfUser(db: Db, actor: Administrator, staffId: string): Promise<AdminStaffUser> {
	const [row] = await staffRows(db, { staffId });
	return viewOf(actor, row!);
}

/** The user an administrator is about to change, locked: 404 if out of their sight, 403 if off limits to them. */
async function target(trx: Transaction<Database>, actor: Administrator, staffId: string): Promise<StaffRow> {
	const [row] = await staffRows(trx, { staffId, lock: true });
	if (!row) throw new NotFound('admin.staff.notFound');
	assertMayChangeStaff(actor, row);
	return row;
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

export async function createStaffUser(db: Kysely<Database>, action: AdministratorAction, input: StaffUserInput) {
	assertMayGive(action.staff, input);
	try {
		return await db.transaction().execute(async (trx) => {
			// Nobody knows this password: the user sets their own through the link.
			const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
			const { id } = await trx
				.insertInto('staffUsers')
				.values({
					email: input.email,
					name: input.name,
					admin: input.admin,
					serviceAdmin: input.serviceAdmin,
					wasAdmin: input.admin,
					passwordHash,
					createdAt: action.now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await setPrisons(trx, id, input.prisonIds);
			const link = await issueLink(trx, action, id);
			await auditAdmin(trx, action, 'admin.staff.create', id, {
				email: input.email,
				name: input.name,
				admin: input.admin,
				serviceAdmin: input.serviceAdmin,
				prisonIds: input.prisonIds
			});
			return { user: await viewOfUser(trx, action.staff, id), link };
		});
	} catch (error) {
		if (isUniqueViolation(error, 'staff_users_email_key')) {
			throw new Conflict('admin.field.email.taken', { code: 'email_taken', field: 'email' });
		}
		throw error;
	}
}

export async function updateStaffUser(db: Kysely<Database>, action: AdministratorAction, staffId: string, input: StaffUserUpdateInput) {
	return db.transaction().execute(async (trx) => {
		const before = await target(trx, action.staff, staffId);
		// serviceAdmin makes an administrator too; an administrator no more is no service administrator either.
		const admin = input.serviceAdmin === true ? true : (input.admin ?? before.admin);
		const serviceAdmin = admin && (input.serviceAdmin ?? before.serviceAdmin);
		if (staffId === action.staff.id && (admin !== before.admin || serviceAdmin !== before.serviceAdmin))
			throw new Forbidden('admin.staff.selfRole', { code: 'self_off_limits' });
		assertMayGive(action.staff, input);
		const fields: { name?: string; admin?: boolean; serviceAdmin?: boolean; wasAdmin?: boolean } = {};
		if (input.name !== undefined) fields.name = input.name;
		if (admin !== before.admin || serviceAdmin !== before.serviceAdmin)
			Object.assign(fields, { admin, serviceAdmin, wasAdmin: before.wasAdmin || admin });
		if (Object.keys(fields).length > 0) await trx.updateTable('staffUsers').set(fields).where('id', '=', staffId).execute();
		if (input.prisonIds) await setPrisons(trx, staffId, input.prisonIds);
		// A link made for the account as it was must not open it once it can do more: whoever holds an
		// unused one (the administrator who made it, perhaps) would get the new role or prisons with it.
		const grows =
			(admin && !before.admin) ||
			(serviceAdmin && !before.serviceAdmin) ||
			(input.prisonIds ?? []).some((id) => !before.prisonIds.includes(id));
		const voided = grows
			? (await trx.deleteFrom('staffPasswordTokens').where('staffId', '=', staffId).where('usedAt', 'is', null).executeTakeFirst())
					.numDeletedRows
			: 0n;
		await auditAdmin(trx, action, 'admin.staff.update', staffId, {
			before: { name: before.name, admin: before.admin, serviceAdmin: before.serviceAdmin, prisonIds: before.prisonIds },
			after: input,
			...(voided > 0n ? { unusedLinksVoided: Number(voided) } : {})
		});
		return viewOfUser(trx, action.staff, staffId);
	});
}

export async function newSetPasswordLink(db: Kysely<Database>, action: AdministratorAction, staffId: string) {
	return db.transaction().execute(async (trx) => {
		const user = await target(trx, action.staff, staffId);
		if (!user.active) throw new Conflict('admin.staff.deactivated', { code: 'deactivated' });
		const link = await issueLink(trx, action, staffId);
		await auditAdmin(trx, action, 'admin.staff.link', staffId, {});
		return { user: viewOf(action.staff, user), link };
	});
}

/** Deactivates a user: no sign-in from now on, every session ended in the same transaction. */
export async function deactivateStaffUser(db: Kysely<Database>, action: AdministratorAction, staffId: string) {
	if (staffId === action.staff.id) throw new Conflict('admin.staff.selfDeactivate', { code: 'self_deactivate' });
	const user = await db.transaction().execute(async (trx) => {
		const user = await target(trx, action.staff, staffId);
		if (user.active) {
			await trx.updateTable('staffUsers').set({ deactivatedAt: action.now }).where('id', '=', staffId).execute();
			await destroyAllSessionsOf(trx, staffId);
			await trx.deleteFrom('staffPasswordTokens').where('staffId', '=', staffId).execute();
			await trx.deleteFrom('pushSubscriptions').where('staffId', '=', staffId).execute();
			await auditAdmin(trx, action, 'admin.staff.deactivate', staffId, {});
		}
		return viewOfUser(trx, action.staff, staffId);
	});
	// Once committed: their open live-event streams in this process end now, not at their next keep-alive.
	endStaffStreams(staffId);
	return user;
}

/**
 * Sets a password from a one-time link: the token must be known, unused, unexpired and its user
 * active. Claiming the token and setting the password are one transaction, so a link used twice at
 * once works only once.
 */
export async function setPasswordFromLink(db: Kysely<Database>, input: SetPasswordInput, now: Date): Promise<{ email: string }> {
	const passwordHash = await hashPassword(input.password);
	const set = await db.transaction().execute(async (trx) => {
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
		return { staffId: user.id, email: user.email };
	});
	// Every session of theirs ended with the new password: so do their open streams.
	endStaffStreams(set.staffId);
	return { email: set.email };
}
