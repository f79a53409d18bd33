// Every migration, in order, listed by hand: tsx and bundlers have no reliable folder scan.
// Add new ones at the end with the next number; never rename or edit one that has shipped.
import type { Migration } from 'kysely';
import { initial } from './001_initial';
import { calendarVersionAndCancellation } from './002_calendar_version_and_cancellation';
import { retentionPurge } from './003_retention_purge';
import { security } from './004_security';
import { lifecycleEmail } from './005_lifecycle_email';
import { prisonerRecord } from './006_prisoner_record';
import { language } from './007_language';
import { gate } from './008_gate';
import { privacy } from './009_privacy';
import { runningTheService } from './010_running_the_service';
import { visitChanges } from './011_visit_changes';
import { waitlist } from './013_waitlist';
import { instantBooking } from './015_instant_booking';
import { deliveries } from './016_deliveries';
import { accounts } from './017_accounts';
import { welshText } from './018_welsh_text';
import { journeys } from './020_journeys';
import { integrationEvents } from './021_integration_events';
import { scopedAdministrators } from './022_scoped_administrators';
import { timetableHistory } from './023_timetable_history';
import { changeVisitors } from './024_change_visitors';
import { deliveryFailureReason } from './025_delivery_failure_reason';

export const migrations: Record<string, Migration> = {
	'001_initial': initial,
	'002_calendar_version_and_cancellation': calendarVersionAndCancellation,
	'003_retention_purge': retentionPurge,
	'004_security': security,
	'005_lifecycle_email': lifecycleEmail,
	'006_prisoner_record': prisonerRecord,
	'007_language': language,
	'008_gate': gate,
	'009_privacy': privacy,
	'010_running_the_service': runningTheService,
	'011_visit_changes': visitChanges,
	'013_waitlist': waitlist,
	'015_instant_booking': instantBooking,
	'016_deliveries': deliveries,
	'017_accounts': accounts,
	'018_welsh_text': welshText,
	'020_journeys': journeys,
	'021_integration_events': integrationEvents,
	'022_scoped_administrators': scopedAdministrators,
	'023_timetable_history': timetableHistory,
	'024_change_visitors': changeVisitors,
	'025_delivery_failure_reason': deliveryFailureReason
};
