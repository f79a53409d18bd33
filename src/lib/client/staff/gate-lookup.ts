import { formatDate } from '../../shared/format';
import { t, type MessageKey } from '../../shared/i18n';
import type { VisitRequest } from '../../shared/answers';
import { callApi, params } from '../api';
import type { BookAPrisonVisitDb } from '../db';
import type { GateRefusal } from './gate';

/*
 * A reference not on today's list may be a visit booked for another day. The tablet looks for it
 * in what it has saved (other days' lists, requests opened from the queue), then, with signal, asks
 * the server (this prison only: the officer's), so the officer can tell the family which day their
 * visit is on instead of only "not on today's list". Offline and unknown, it stays "not listed".
 */

type Elsewhere = { reason: GateRefusal; message: string };

const onAnotherDay = (reference: string, date: string): Elsewhere => ({
	reason: 'other_day',
	message: t('journeys.gate.otherDayListed', { reference, date: formatDate(date) })
});

export async function visitElsewhere(
	db: BookAPrisonVisitDb,
	prisonId: string,
	reference: string,
	today: string
): Promise<Elsewhere | null> {
	const saved = await savedOnAnotherDay(db, prisonId, reference, today);
	if (saved) return onAnotherDay(reference, saved);
	const asked = await callApi(
		(api) => api.staff.prisons[':prisonId'].visits['by-reference'][':reference'].$get({ param: params({ prisonId, reference }) }),
		{ auth: 'staff' }
	);
	if (!asked.ok) return null;
	const visit = asked.data;
	if (visit.status === 'booked' && visit.bookedSlot && visit.bookedSlot.date !== today)
		return onAnotherDay(visit.reference, visit.bookedSlot.date);
	if (visit.status === 'cancelled') return { reason: 'cancelled', message: t('gate.refused.cancelled', { reference: visit.reference }) };
	if (visit.status !== 'booked') {
		const status = t(`status.${visit.status}` as MessageKey);
		return { reason: 'not_listed', message: t('gate.api.notBooked', { status }) };
	}
	return null;
}

async function savedOnAnotherDay(db: BookAPrisonVisitDb, prisonId: string, reference: string, today: string): Promise<string | null> {
	const found = (visit: Partial<VisitRequest> | undefined) =>
		visit?.reference === reference && visit.status === 'booked' && visit.bookedSlot && visit.bookedSlot.date !== today
			? visit.bookedSlot.date
			: null;
	let date: string | null = null;
	await db.staffVisits.each((row) => {
		const list = row.data as { prisonId?: string; slots?: { visits?: Partial<VisitRequest>[] }[] } | null;
		if (date || list?.prisonId !== prisonId) return;
		for (const slot of list.slots ?? []) for (const visit of slot.visits ?? []) date ??= found(visit);
	});
	if (!date) {
		const rows = await db.staffRequests.where('prisonId').equals(prisonId).toArray();
		for (const row of rows) date ??= found(row.data as Partial<VisitRequest>);
	}
	return date;
}
