// A prison's weekly timetable as it was: saving a new one keeps the one it replaces, with the days
// it was in force, so a capacity lowered today does not rewrite the places of past weeks. The report
// and the calendar read the timetable in force on each date (prisons/repository.ts).
import { sql, type Kysely, type Migration } from 'kysely';

export const timetableHistory: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			create table timetable_history (
				id uuid primary key,
				prison_id uuid not null references prisons (id) on delete cascade,
				-- The first day it was in force; null: since the prison's first timetable.
				valid_from date null,
				-- The last day it was in force (the day before its replacement was saved).
				valid_until date not null,
				-- Its slots, as the rules read them: [{weekday, start, end, capacity, closedCapacity?}].
				slots jsonb not null,
				replaced_at timestamptz not null,
				replaced_by uuid null references staff_users (id) on delete set null,
				check (valid_from is null or valid_from <= valid_until)
			)
		`.execute(db);
		await sql`create index timetable_history_prison on timetable_history (prison_id, valid_until)`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`drop table if exists timetable_history`.execute(db);
	}
};
