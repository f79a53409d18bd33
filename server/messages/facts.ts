import { prisonName } from '../../src/lib/shared/welsh-text';
import type { Kysely } from 'kysely';
import type { CancellationReason, RejectionReason } from '../../src/lib/shared/domain';
import { isLocale, type Locale } from '../../src/lib/shared/i18n';
import { waitingAddress } from './notices';
import type { Database } from '../db/schema';
import type { EmailFacts, PlaceEmailFacts } from '../email/render';

/*
 * What a message says and where it goes, read when it is sent (never stored as prose): a purged
 * request has no address any more, a changed language or address is used as it now is.
 */

export interface RequestTarget {
	kind: 'request';
	email: string | null;
	phone: string | null;
	/** The family's message language now (their choice, else the request's). */
	language: Locale;
	facts: EmailFacts;
}

export interface PlaceTarget {
	kind: 'place';
	email: string | null;
	language: Locale;
	facts: PlaceEmailFacts;
}

export async function loadRequestTarget(db: Kysely<Database>, requestId: string): Promise<RequestTarget | null> {
	const row = await db
		.selectFrom('visitRequests as r')
		.innerJoin('prisons as p', 'p.id', 'r.prisonId')
		.innerJoin('requestVisitors as v', (join) => join.onRef('v.requestId', '=', 'r.id').on('v.position', '=', 0))
		.select([
			'r.id',
			'r.reference',
			'r.bookedDate',
			'r.bookedStart',
			'r.rejectionReasons',
			'r.cancellationReason',
			'r.decisionMessage',
			'r.purgedAt',
			'r.calendarSequence',
			'r.language',
			'r.messageLanguage',
			'p.name as prisonName',
			'p.nameCy as prisonNameCy',
			'p.address as prisonAddress',
			'p.addressCy as prisonAddressCy',
			'p.timeZone',
			'p.id as prisonId',
			'v.firstName',
			'v.email',
			'v.phone'
		])
		.where('r.id', '=', requestId)
		.executeTakeFirst();
	if (!row || row.purgedAt) return null;
	let slot: EmailFacts['slot'] = null;
	if (row.bookedDate && row.bookedStart) {
		const weekday = ((new Date(`${row.bookedDate}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
		const timetable = await db
			.selectFrom('timetableSlots')
			.select('endTime')
			.where('prisonId', '=', row.prisonId)
			.where('weekday', '=', weekday)
			.where('startTime', '=', row.bookedStart)
			.executeTakeFirst();
		slot = { date: row.bookedDate, start: row.bookedStart, end: timetable?.endTime ?? row.bookedStart };
	}
	// A change's outcome is told with the change's own reasons and message.
	const change = await db
		.selectFrom('visitChanges')
		.select(['rejectionReasons', 'message', 'visitors'])
		.where('requestId', '=', row.id)
		.where('status', 'in', ['confirmed', 'rejected'])
		.orderBy('decidedAt', 'desc')
		.executeTakeFirst();
	const language = row.messageLanguage ?? row.language;
	return {
		kind: 'request',
		email: row.email,
		phone: row.phone,
		language: isLocale(language) ? language : 'en',
		facts: {
			requestId: row.id,
			reference: row.reference,
			leadFirstName: row.firstName,
			prison: {
				name: row.prisonName,
				nameCy: row.prisonNameCy,
				address: row.prisonAddress,
				addressCy: row.prisonAddressCy,
				timeZone: row.timeZone
			},
			slot,
			rejectionReasons: (row.rejectionReasons ?? []) as RejectionReason[],
			cancellationReason: (row.cancellationReason as CancellationReason | null) ?? null,
			message: row.decisionMessage,
			calendarSequence: Number(row.calendarSequence),
			change: change
				? { reasons: (change.rejectionReasons ?? []) as RejectionReason[], message: change.message, partyChanged: change.visitors !== null }
				: null
		}
	};
}

/** A "place came up" message's words and address, read now: an entry that ended (slot started, visitor left) has gone. */
export async function loadPlaceTarget(db: Kysely<Database>, entryId: string): Promise<PlaceTarget | null> {
	const entry = await db
		.selectFrom('waitlistEntries as w')
		.innerJoin('prisons as p', 'p.id', 'w.prisonId')
		.select(['w.id', 'w.prisonId', 'w.deviceId', 'w.date', 'w.startTime', 'w.language', 'p.name as prisonName', 'p.nameCy as prisonNameCy'])
		.where('w.id', '=', entryId)
		.executeTakeFirst();
	if (!entry) return null;
	const language = isLocale(entry.language) ? entry.language : 'en';
	return {
		kind: 'place',
		email: await waitingAddress(db, entry.deviceId),
		language,
		facts: {
			prisonId: entry.prisonId,
			prisonName: prisonName({ name: entry.prisonName, nameCy: entry.prisonNameCy }, language),
			date: entry.date,
			start: entry.startTime
		}
	};
}
