// The visitor's language: each request keeps the language its device used (the submit's
// Accept-Language, or the device's later choice), so push, email and .ics about it go out in it; each
// push subscription keeps its device's language, for staff alerts. 'en' or 'cy'.
import { sql, type Kysely, type Migration } from 'kysely';

export const language: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`alter table visit_requests add column language text not null default 'en' constraint visit_requests_language_check check (language in ('en', 'cy'))`.execute(
			db
		);
		await sql`alter table push_subscriptions add column language text not null default 'en' constraint push_subscriptions_language_check check (language in ('en', 'cy'))`.execute(
			db
		);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`alter table push_subscriptions drop column language`.execute(db);
		await sql`alter table visit_requests drop column language`.execute(db);
	}
};
