import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { bookingWindow } from '../../src/lib/shared/rules/booking-window';
import { calendarDays } from '../../src/lib/shared/rules/calendar';
import { addDays, instantOf, todayIn, type LocalDate } from '../../src/lib/shared/rules/dates';
import type { Calendar } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { EncodedBody } from '../http/compression';
import { jsonText, type JsonText } from '../http/json-text';
import type { CalendarChanges } from './calendar-changes';
import { loadClosedVisitUsage } from './closed-visits';
import { coalesceReads } from './coalesce-reads';
import { findPrison, loadClosures, loadPastTimetables, loadTimetable, loadUsage, type PrisonRecord } from './repository';

export interface CalendarAnswer {
	calendar: Calendar;
	/** The calendar as JSON, serialised once per cache entry rather than once per answer. */
	body: JsonText<Calendar>;
	/** The same body as bytes, and compressed once per coding the first time a client asks for it. */
	encoded: EncodedBody;
	etag: string;
}

interface CacheEntry extends CalendarAnswer {
	version: number;
	/** changes.current() before the data behind this entry was read (or last confirmed). */
	heardAt?: number;
	/** The calendar also changes with time: at midnight (the window moves) and when a slot starts. */
	validUntil: number;
}

const MAX_ENTRIES = 500;

/** The cache's key for a prison and range: peek takes it ready made (the fast path keeps it per request target). */
export function calendarKey(prisonId: string, from: string, to: string): string {
	return `${prisonId}|${from}|${to}`;
}

/**
 * Calendars are read far more often than they change, so each process keeps the last answer per
 * prison and range. An entry is used only while no slot or day has begun since it was made and
 * the prison's availability has not changed, in any process. With `changes` (the server's
 * LISTEN on calendar changes) that is known without asking the database; without it, or while its
 * connection is down, the prison's calendar version (bumped by every such write) is read for every
 * request, concurrent requests sharing that read (see coalesceReads).
 */
export function createCalendarService(db: Kysely<Database>, changes?: CalendarChanges) {
	const cache = new Map<string, CacheEntry>();
	const currentPrison = coalesceReads((prisonId: string) => findPrison(db, prisonId));

	async function build(prison: PrisonRecord, from: LocalDate, to: LocalDate, now: Date): Promise<CacheEntry> {
		const [timetable, past, closures, usage, closedVisitUsage] = await Promise.all([
			loadTimetable(db, prison.id),
			loadPastTimetables(db, prison.id, from, to),
			loadClosures(db, prison.id, from, to),
			loadUsage(db, prison.id, from, to),
			loadClosedVisitUsage(db, prison.id, from, to)
		]);
		const window = bookingWindow(prison, now);
		const days = calendarDays({ timetable, past, closures, usage, closedVisitUsage, window, timeZone: prison.timeZone, now, from, to });
		const calendar: Calendar = { prisonId: prison.id, generatedAt: now.toISOString(), window, days };
		const digest = createHash('sha256')
			.update(JSON.stringify([window, days]))
			.digest('base64url')
			.slice(0, 27);
		const body = jsonText(calendar);
		return {
			calendar,
			body,
			encoded: new EncodedBody(body),
			etag: `"${digest}"`,
			version: prison.calendarVersion,
			validUntil: nextChange(calendar, prison.timeZone, now)
		};
	}

	/** The cached answer when it can be given without asking the database, else undefined. */
	function peek(prisonId: string, from: string, to: string, now: Date, key = calendarKey(prisonId, from, to)): CacheEntry | undefined {
		const cached = cache.get(key);
		if (cached === undefined || now.getTime() >= cached.validUntil) return undefined;
		if (cached.heardAt !== undefined && changes?.listening() && changes.unchangedSince(prisonId, cached.heardAt)) return cached;
		return undefined;
	}

	return {
		/**
		 * Synchronous, for the fast path (calendar-fast-path.ts): the answer from memory when nothing can
		 * have changed it, or undefined (then ask get()). Only a range that get() validated and answered
		 * can be in the cache, so the caller may pass the query's strings as they came, with the id in
		 * its canonical (lower-case) form.
		 */
		peek,
		/** The calendar for a known prison, or undefined when there is no such prison. */
		async get(id: string, from: LocalDate, to: LocalDate, now: Date): Promise<CalendarAnswer | undefined> {
			// One entry per prison whatever case its id came in: the changes heard are by the canonical id.
			const prisonId = id.toLowerCase();
			const known = peek(prisonId, from, to, now);
			if (known) return known;
			const key = calendarKey(prisonId, from, to);
			const cached = cache.get(key);
			const timely = cached !== undefined && now.getTime() < cached.validUntil;
			// Taken before reading, so a change committed during the reads is seen as newer.
			const heardAt = changes?.current();
			const prison = await currentPrison(prisonId);
			if (!prison) return undefined;
			if (timely && cached.version === prison.calendarVersion) {
				cached.heardAt = heardAt;
				return cached;
			}
			const fresh = { ...(await build(prison, from, to, now)), heardAt };
			if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
			cache.set(key, fresh);
			return fresh;
		},
		clear(): void {
			cache.clear();
		}
	};
}

export type CalendarService = ReturnType<typeof createCalendarService>;

function nextChange(calendar: Calendar, timeZone: string, now: Date): number {
	const today = todayIn(timeZone, now);
	let next = instantOf(addDays(today, 1), '00:00', timeZone).getTime();
	for (const day of calendar.days) {
		if (day.date !== today) continue;
		for (const slot of day.slots) {
			const starts = instantOf(day.date, slot.start, timeZone).getTime();
			if (starts > now.getTime() && starts < next) next = starts;
		}
	}
	return next;
}
