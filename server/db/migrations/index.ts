// Every migration, in order, listed by hand: tsx and bundlers have no reliable folder scan.
// Add new ones at the end with the next number; never rename or edit one that has shipped.
import type { Migration } from 'kysely';
import { initial } from './001_initial';
import { calendarVersionAndCancellation } from './002_calendar_version_and_cancellation';
import { retentionPurge } from './003_retention_purge';
import { prisonerRecord } from './006_prisoner_record';
import { gate } from './008_gate';

export const migrations: Record<string, Migration> = {
	'001_initial': initial,
	'002_calendar_version_and_cancellation': calendarVersionAndCancellation,
	'003_retention_purge': retentionPurge,
	'006_prisoner_record': prisonerRecord,
	'008_gate': gate
};
