// Why a message failed, as a code staff read from the catalogue (in English or Welsh) rather than a
// provider's or the worker's English words: `failure_reason` (src/lib/shared/domain.ts
// DELIVERY_FAILURE_REASONS). `failure` stays as the raw detail (an SMTP or Notify code), shown only
// beside it. Existing failed rows get the code their words meant.
import { sql, type Kysely, type Migration } from 'kysely';

export const deliveryFailureReason: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			alter table deliveries add column failure_reason text null
				check (failure_reason in ('refused', 'gave_up', 'unsubscribed', 'no_address', 'nothing_to_send', 'channel_off', 'not_delivered'))
		`.execute(db);
		await sql`
			update deliveries set failure_reason = case
				when failure = 'the family turned this channel off' then 'channel_off'
				when failure like '%gave up after%' or failure like 'lease expired%' then 'gave_up'
				when failure in ('browser unsubscribed', 'push keys cannot be used')
					or failure like 'push endpoint not allowed%'
					or (failure like 'push service answered 4%' and failure <> 'push service answered 413') then 'unsubscribed'
				when failure in ('no address', 'no mobile number') then 'no_address'
				when failure in ('nothing to say by text', 'no longer there') then 'nothing_to_send'
				when failure in ('permanent-failure', 'temporary-failure', 'technical-failure') then 'not_delivered'
				else 'refused'
			end
			where status = 'failed'
		`.execute(db);
		// "…; gave up after N attempts" is said by the code now: the provider's last answer stays.
		await sql`
			update deliveries set failure = regexp_replace(failure, '; gave up after [0-9]+ attempts$', '')
			where status = 'failed' and failure_reason = 'gave_up'
		`.execute(db);
		// What the service wrote in its own English words is said by the code now; a provider's words stay.
		await sql`
			update deliveries set failure = null
			where status = 'failed'
				and (failure_reason in ('channel_off', 'no_address', 'nothing_to_send')
					or failure like 'lease expired%'
					or failure in ('browser unsubscribed', 'push keys cannot be used')
					or failure like 'push endpoint not allowed%')
		`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`alter table deliveries drop column if exists failure_reason`.execute(db);
	}
};
