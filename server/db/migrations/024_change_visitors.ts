// A change to a booked visit may change who is coming as well as (or instead of) when: the whole
// new party is kept with the change, as the request's visitors are shaped ({firstName, lastName,
// dateOfBirth, email?, phone?}, lead first), and replaces them only when the change is applied.
// null: the party stays as it is. A change of party alone asks for no new time: its `slots` is [].
import { sql, type Kysely, type Migration } from 'kysely';

export const changeVisitors: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`alter table visit_changes add column visitors jsonb null`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`alter table visit_changes drop column visitors`.execute(db);
	}
};
