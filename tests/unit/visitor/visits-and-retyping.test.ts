import { afterEach, describe, expect, it } from 'vitest';
import type { BookAPrisonVisitDb, LocalVisitRequest } from '../../../src/lib/client/db';
import { enqueueSubmit } from '../../../src/lib/client/visitor-queue';
import { lastOtherVisitors, newDraft, notYetAdded } from '../../../src/lib/visitor/last-party';
import { sendAgainStep } from '../../../src/lib/visitor/flow';
import { groupVisits, prisonerName } from '../../../src/lib/visitor/visit-order';
import { fakeBrowserStorage, visitRequestInput } from '../../helpers/device-db';

let db: BookAPrisonVisitDb;
afterEach(() => db?.close());

describe('a new request starts from the last one', () => {
	it('copies the lead visitor (with contact) of the newest request, and offers the rest of the party', async () => {
		db = fakeBrowserStorage().open();
		expect((await newDraft(db, 'd0')).visitors).toEqual([
			{ firstName: '', lastName: '', dateOfBirth: { day: '', month: '', year: '' }, email: '', phone: '' }
		]);
		await enqueueSubmit(
			db,
			visitRequestInput({ visitors: [{ firstName: 'Old', lastName: 'Lead', dateOfBirth: '1970-01-01', phone: '07700900000' }] }),
			1_000
		);
		await enqueueSubmit(
			db,
			visitRequestInput({
				visitors: [
					{ firstName: 'Alex', lastName: 'Smith', dateOfBirth: '1985-06-15', email: 'alex@example.com' },
					{ firstName: 'Jo', lastName: 'Smith', dateOfBirth: '2015-03-09' }
				]
			}),
			2_000
		);
		const draft = await newDraft(db, 'd1');
		expect(draft.id).toBe('d1');
		expect(draft.visitors).toEqual([
			{ firstName: 'Alex', lastName: 'Smith', dateOfBirth: { day: '15', month: '6', year: '1985' }, email: 'alex@example.com', phone: '' }
		]);
		expect(draft.leadFrom).toBeTruthy();
		expect(draft.prisoner.firstName).toBe('');
		expect(draft.slots).toEqual([]);
		const others = await lastOtherVisitors(db);
		expect(others.map((v) => `${v.firstName} ${v.lastName}`)).toEqual(['Jo Smith']);
		expect(notYetAdded(draft, others)).toHaveLength(1);
		expect(notYetAdded({ visitors: [...draft.visitors, { ...others[0]!, firstName: ' jo ' }] }, others)).toEqual([]);
	});
});

describe('send again after the prison said no', () => {
	it('starts at the page that needs changing', () => {
		expect(sendAgainStep(['prisoner_details_incorrect'])).toBe('prisoner');
		expect(sendAgainStep(['visitor_not_on_list', 'slot_unavailable'])).toBe('visitors');
		expect(sendAgainStep(['slot_unavailable'])).toBe('slots');
		expect(sendAgainStep(['other'])).toBe('check');
	});
});

describe('"Your visits" order', () => {
	const now = new Date('2026-12-01T12:00:00Z');
	let queued = 0;
	const request = (
		overrides: Partial<LocalVisitRequest> & { bookedSlot?: { date: string; start: string; end: string } | null },
		firstName = 'P'
	) => {
		queued += 1;
		const input = visitRequestInput({ prisoner: { firstName, lastName: 'Smith', dateOfBirth: '1990-04-01', prisonerNumber: 'A1234BC' } });
		return {
			...input,
			input,
			reference: null,
			status: 'requested',
			syncState: 'synced',
			queuedAt: queued,
			localUpdatedAt: queued,
			...overrides
		} as LocalVisitRequest & {
			bookedSlot?: { date: string; start: string; end: string } | null;
		};
	};

	it('puts upcoming booked visits first (soonest first), then waiting, then past and ended (newest first)', () => {
		const later = request({ status: 'booked', bookedSlot: { date: '2026-12-20', start: '14:00', end: '16:00' } }, 'Later');
		const soon = request({ status: 'booked', bookedSlot: { date: '2026-12-05', start: '14:00', end: '16:00' } }, 'Soon');
		const today = request({ status: 'booked', bookedSlot: { date: '2026-12-01', start: '11:00', end: '13:00' } }, 'NowOn');
		const past = request({ status: 'booked', bookedSlot: { date: '2026-11-20', start: '14:00', end: '16:00' } }, 'Past');
		const waiting = request({ slots: [{ date: '2026-12-10', start: '14:00' }] }, 'Waiting');
		const queuedOffline = request({ syncState: 'pending', slots: [{ date: '2026-12-08', start: '14:00' }] }, 'Queued');
		const withdrawn = request({ status: 'withdrawn', slots: [{ date: '2026-12-09', start: '14:00' }] }, 'Withdrawn');
		const rejected = request({ status: 'rejected', slots: [{ date: '2026-12-15', start: '14:00' }] }, 'Rejected');
		const groups = groupVisits([past, waiting, withdrawn, later, queuedOffline, soon, rejected, today], () => 'Europe/London', now);
		expect(groups.map((g) => [g.group, g.requests.map(prisonerName)])).toEqual([
			['upcoming', ['NowOn Smith', 'Soon Smith', 'Later Smith']],
			['waiting', ['Queued Smith', 'Waiting Smith']],
			['ended', ['Rejected Smith', 'Withdrawn Smith', 'Past Smith']]
		]);
	});

	it('leaves out empty groups', () => {
		expect(groupVisits([request({})], () => 'Europe/London', now).map((g) => g.group)).toEqual(['waiting']);
	});
});
