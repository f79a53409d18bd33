// Scoped administrators. An administrator (`admin`) manages only the prisons they work at and the
// staff wholly inside them; a service administrator (`service_admin`, always also `admin`) creates
// prisons and administrators, manages connected systems and everyone. `was_admin` stays true once
// someone has been an administrator, so a prison administrator can never take over a demoted one
// (demote, then mint their set-password link): the constraint makes every writer that sets `admin`
// set it too.
//
// Existing administrators: the old role was global, and any administrator could make another in the
// app. The ones the operator made (at the command line, or the demo login the seed makes) have no
// `admin.staff.create` or `admin.staff.update` audit row making them one: they become service
// administrators, as the command line's first administrator is from now on. Everyone made or promoted
// an administrator in the app (by whichever administrator, under the old rule) becomes a prison
// administrator of the prisons they work at, the narrower role, until a service administrator says
// otherwise; one the app made and later demoted is marked `was_admin`. Deactivated administrators are
// not made service administrators. If that leaves no service administrator,
// `npm run staff -- service-admin --email …` makes one (README).
import { sql, type Kysely, type Migration } from 'kysely';

export const scopedAdministrators: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`alter table staff_users add column service_admin boolean not null default false, add column was_admin boolean not null default false`.execute(
			db
		);
		// Who was made or promoted an administrator in the app, by the audit log (kept for ever).
		const madeInApp = sql`exists (
			select 1 from audit_log a
			where a.target = u.id::text
				and ((a.action = 'admin.staff.create' and a.detail ->> 'admin' = 'true')
					or (a.action = 'admin.staff.update' and a.detail -> 'after' ->> 'admin' = 'true'))
		)`;
		// Administrators now, and those made one in the app and since demoted: both off limits to a prison administrator.
		await sql`update staff_users u set was_admin = true where u.admin or ${madeInApp}`.execute(db);
		await sql`update staff_users u set service_admin = true where u.admin and u.deactivated_at is null and not ${madeInApp}`.execute(db);
		await sql`alter table staff_users add constraint staff_users_service_admin_check check (admin or not service_admin)`.execute(db);
		await sql`alter table staff_users add constraint staff_users_was_admin_check check (was_admin or not admin)`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`alter table staff_users drop constraint staff_users_was_admin_check, drop constraint staff_users_service_admin_check`.execute(
			db
		);
		await sql`alter table staff_users drop column was_admin, drop column service_admin`.execute(db);
	}
};
