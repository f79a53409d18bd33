// A prison's words in Welsh, entered by administrators: its name, address and information for
// visitors, and each closure's reason. Each is optional (null): a Welsh reader sees the English
// where there is no Welsh.
import { sql, type Kysely, type Migration } from 'kysely';

export const welshText: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`alter table prisons add column name_cy text, add column address_cy text, add column visitor_info_cy text`.execute(db);
		await sql`alter table closures add column reason_cy text`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`alter table closures drop column reason_cy`.execute(db);
		await sql`alter table prisons drop column name_cy, drop column address_cy, drop column visitor_info_cy`.execute(db);
	}
};
