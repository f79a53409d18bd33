import { formatDateShort, formatTime } from '../format';
import { t } from '../i18n';
import { sameName } from '../names';
import type { Person, VisitRequest } from '../answers';
import type { LocalDate } from './dates';

/*
 * Automatic flags on a visit request, from the request and the prisoner's record. Pure functions:
 * the server computes them when a request is read, and the tablet can compute them again from its
 * cached copy of the record, with no signal. Each flag names the visitor and the dates it concerns,
 * so a page can show it next to them.
 */

// closed_visit: the prisoner may only have closed visits, so a confirm takes a closed place.
// non_association: a prisoner who must not meet this one has a visit booked on one of the dates.
export const FLAG_CODES = [
	'visitor_banned',
	'no_allowance',
	'duplicate_request',
	'prisoner_clash',
	'closed_visit',
	'non_association'
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface Flag {
	code: FlagCode;
	/** What the officer should know and can do, in words. */
	message: string;
	/** True when confirming needs an override reason (or, for a ban, excluding the visitor). */
	blocking: boolean;
	/** Positions (0 = lead) of the visitors it concerns. */
	visitors?: number[];
	/** The chosen dates it concerns. */
	dates?: LocalDate[];
	/** Another request it concerns (a duplicate, a clash). */
	otherRequest?: { id: string; reference: string };
}

export interface Allowance {
	/** null: not tracked. */
	remaining: number | null;
	renewsOn: LocalDate | null;
}

export interface Ban extends Person {
	id: string;
	/** Last day of the ban; null = until lifted. */
	until: LocalDate | null;
	reason: string;
	/** The prison's restriction this ban mirrors (its system of record); null for a ban staff added. */
	restrictionId: string | null;
}

/** What flags need of another request for the same prisoner. */
export type OtherRequest = Pick<VisitRequest, 'id' | 'reference' | 'status' | 'slots'> & {
	bookedSlot: { date: LocalDate; start: string } | null;
};

/** The part of a prisoner's record flags are computed from. */
export interface FlagRecord {
	allowance: Allowance;
	bans: readonly Ban[];
	/** The prisoner's other requests and visits at the prison (any status; the rules pick). */
	requests: readonly OtherRequest[];
	/** Prisoners who must not meet this one, with the dates they have a visit booked at the prison. */
	nonAssociations?: readonly NonAssociated[];
}

export interface NonAssociated {
	prisonerNumber: string;
	bookedDates: readonly LocalDate[];
}

export type FlagSubject = Pick<VisitRequest, 'id' | 'status' | 'visitors' | 'slots' | 'bookedSlot' | 'excludedVisitors'> &
	Partial<Pick<VisitRequest, 'change'>>;

export const NO_RECORD: FlagRecord = { allowance: { remaining: null, renewsOn: null }, bans: [], requests: [] };

/** The ban's person, by name keys (names.ts: case, spaces, look-alike letters and unseen characters folded) and date of birth. */
export function banMatches(ban: Ban, person: Person): boolean {
	return sameName(ban.firstName, person.firstName) && sameName(ban.lastName, person.lastName) && ban.dateOfBirth === person.dateOfBirth;
}

export function banActiveOn(ban: Ban, date: LocalDate): boolean {
	return ban.until === null || date <= ban.until;
}

/** The dates a request is about: its booked date once booked, otherwise every chosen date. */
export function datesOf(request: Pick<OtherRequest, 'status' | 'slots' | 'bookedSlot'>): LocalDate[] {
	if (request.status === 'booked' && request.bookedSlot) return [request.bookedSlot.date];
	return [...new Set(request.slots.map((s) => s.date))].sort();
}

/** Visitors (positions) banned on `date`, leaving out those excluded from the visit. */
export function bannedOn(
	visitors: readonly Person[],
	bans: readonly Ban[],
	date: LocalDate,
	excluded: readonly number[] = []
): { position: number; ban: Ban }[] {
	const found: { position: number; ban: Ban }[] = [];
	visitors.forEach((visitor, position) => {
		if (excluded.includes(position)) return;
		const ban = bans.find((b) => banMatches(b, visitor) && banActiveOn(b, date));
		if (ban) found.push({ position, ban });
	});
	return found;
}

function fullName(person: Person): string {
	return `${person.firstName} ${person.lastName}`;
}

function listDates(dates: readonly LocalDate[]): string {
	return dates.map((date) => formatDateShort(date)).join(', ');
}

/**
 * A ban's warning says what the officer can do about it: a visitor other than the lead can be
 * excluded; a banned lead visitor can be excluded only if another adult comes to lead the visit.
 */
function banMessage(visitor: Person, position: number, ban: Ban, dates: string): string {
	const params = { name: fullName(visitor), reason: ban.reason, dates };
	const lead = position === 0;
	if (ban.until) {
		const until = formatDateShort(ban.until);
		return t(lead ? 'journeys.flags.leadBanned.until' : 'journeys.flags.visitorBanned.until', { ...params, until });
	}
	return t(lead ? 'journeys.flags.leadBanned.open' : 'journeys.flags.visitorBanned.open', params);
}

/** Every flag on a request that is waiting or booked; a request already refused, withdrawn or cancelled has none. */
export function flagsFor(request: FlagSubject, record: FlagRecord): Flag[] {
	if (request.status !== 'requested' && request.status !== 'booked') return [];
	const flags: Flag[] = [];
	// A booked visit whose family asked to move it is about the dates asked for too: a ban on one of
	// them is flagged before staff confirm the change.
	const asked = request.status === 'booked' ? (request.change?.slots ?? []).map((s) => s.date) : [];
	const dates = [...new Set([...datesOf(request), ...asked])].sort();
	// A change of who is coming is judged with the party it would bring, whole: a visitor it adds
	// is checked for bans on every date involved before anyone applies it.
	const newParty = request.status === 'booked' ? request.change?.visitors : null;
	const visitors = newParty ?? request.visitors;
	const excluded = newParty ? [] : request.status === 'booked' ? request.excludedVisitors : [];

	// One flag per banned visitor, with the chosen dates the ban covers.
	const banned = new Map<number, { ban: Ban; dates: LocalDate[] }>();
	for (const date of dates) {
		for (const { position, ban } of bannedOn(visitors, record.bans, date, excluded)) {
			const entry = banned.get(position) ?? { ban, dates: [] };
			entry.dates.push(date);
			banned.set(position, entry);
		}
	}
	for (const [position, { ban, dates: on }] of [...banned].sort(([a], [b]) => a - b)) {
		flags.push({
			code: 'visitor_banned',
			message: banMessage(visitors[position] as Person, position, ban, listDates(on)),
			blocking: true,
			visitors: [position],
			dates: on
		});
	}

	if (request.status === 'requested' && record.allowance.remaining === 0) {
		flags.push({
			code: 'no_allowance',
			message: record.allowance.renewsOn
				? t('flags.noAllowance.renews', { renewsOn: formatDateShort(record.allowance.renewsOn) })
				: t('flags.noAllowance'),
			blocking: true
		});
	}

	const mine = new Set(dates);
	for (const other of record.requests) {
		if (other.id === request.id || (other.status !== 'requested' && other.status !== 'booked')) continue;
		const shared = datesOf(other).filter((d) => mine.has(d));
		if (shared.length === 0) continue;
		const otherRequest = { id: other.id, reference: other.reference };
		flags.push({
			code: 'duplicate_request',
			message: t(other.status === 'booked' ? 'flags.duplicate.booked' : 'flags.duplicate.requested', {
				reference: other.reference,
				dates: listDates(shared)
			}),
			blocking: false,
			dates: shared,
			otherRequest
		});
		if (other.status === 'booked' && other.bookedSlot) {
			flags.push({
				code: 'prisoner_clash',
				message: t('flags.clash', {
					reference: other.reference,
					date: formatDateShort(other.bookedSlot.date),
					time: formatTime(other.bookedSlot.start)
				}),
				blocking: false,
				dates: [other.bookedSlot.date],
				otherRequest
			});
		}
	}

	for (const other of record.nonAssociations ?? []) {
		const shared = other.bookedDates.filter((d) => mine.has(d));
		if (shared.length === 0) continue;
		flags.push({
			code: 'non_association',
			message: t('flags.nonAssociation', { number: other.prisonerNumber, dates: listDates([...new Set(shared)].sort()) }),
			blocking: false,
			dates: shared
		});
	}
	return flags;
}

/**
 * What stands in the way of confirming `request` on `date` with `excluded` visitors left out:
 * a banned visitor still coming, or no allowance left. Both need an override reason.
 */
export function blockingFlagsForConfirm(
	request: Pick<FlagSubject, 'visitors'>,
	record: Pick<FlagRecord, 'allowance' | 'bans'>,
	date: LocalDate,
	excluded: readonly number[]
): Flag[] {
	const flags: Flag[] = bannedOn(request.visitors, record.bans, date, excluded).map(({ position, ban }) => {
		return {
			code: 'visitor_banned' as const,
			message: banMessage(request.visitors[position] as Person, position, ban, formatDateShort(date)),
			blocking: true,
			visitors: [position],
			dates: [date]
		};
	});
	if (record.allowance.remaining === 0) {
		flags.push({
			code: 'no_allowance',
			message: record.allowance.renewsOn
				? t('flags.noAllowance.renews', { renewsOn: formatDateShort(record.allowance.renewsOn) })
				: t('flags.noAllowance'),
			blocking: true
		});
	}
	return flags;
}
