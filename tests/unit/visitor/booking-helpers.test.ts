import { describe, expect, it } from 'vitest';
import { fromLocalDate, toLocalDate } from '../../../src/lib/visitor/date-fields';
import { moveChoice, toggleChoice } from '../../../src/lib/visitor/slot-choices';
import { monthsFor, dayState } from '../../../src/lib/visitor/month-grid';
import { contextFromCalendar } from '../../../src/lib/visitor/request-context';
import { emptyDraft, type BookingDraft } from '../../../src/lib/visitor/draft';
import { checkDraft, sectionErrors } from '../../../src/lib/visitor/validate';
import { refusalReasons } from '../../../src/lib/visitor/refusal';
import { DEFAULT_PRISON_RULES } from '../../../src/lib/shared/domain';
import { slotUsageKey } from '../../../src/lib/shared/rules/calendar';
import type { CalendarDay } from '../../../src/lib/shared/answers';

const slot = (start: string, available: number, extra: Partial<CalendarDay['slots'][number]> = {}) => ({
	start,
	end: '16:00',
	capacity: 20,
	booked: 20 - available,
	available,
	bookable: available > 0,
	...extra
});

describe('date boxes', () => {
	it('pads day and month into a local date', () => {
		expect(toLocalDate({ day: '1', month: '2', year: '1980' })).toBe('1980-02-01');
	});
	it('gives empty text for empty boxes and unreal text for letters', () => {
		expect(toLocalDate({ day: '', month: ' ', year: '' })).toBe('');
		expect(toLocalDate({ day: 'x', month: '2', year: '1980' })).not.toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
	it('round-trips a stored date back into boxes', () => {
		expect(fromLocalDate('1985-04-03')).toEqual({ day: '3', month: '4', year: '1985' });
	});
});

describe('choosing times', () => {
	const a = { date: '2026-12-01', start: '14:00' };
	const b = { date: '2026-12-02', start: '14:00' };
	const c = { date: '2026-12-03', start: '14:00' };
	const d = { date: '2026-12-04', start: '14:00' };
	it('adds a new choice last and never keeps more than three', () => {
		const three = toggleChoice(toggleChoice(toggleChoice([], a, true), b, true), c, true);
		expect(three).toEqual([a, b, c]);
		expect(toggleChoice(three, d, true)).toEqual([a, b, c]);
	});
	it('removes an unticked choice and keeps the others in order', () => {
		expect(toggleChoice([a, b, c], b, false)).toEqual([a, c]);
	});
	it('moves a choice up and down within the list', () => {
		expect(moveChoice([a, b, c], 2, -1)).toEqual([a, c, b]);
		expect(moveChoice([a, b, c], 0, -1)).toEqual([a, b, c]);
	});
});

describe('month calendar', () => {
	it('says why a day cannot be chosen', () => {
		expect(dayState({ slots: [slot('14:00', 3)] }, true)).toBe('available');
		expect(dayState({ slots: [slot('14:00', 0)] }, true)).toBe('full');
		expect(dayState({ closed: true, slots: [slot('14:00', 3)] }, true)).toBe('closed');
		expect(dayState({ slots: [] }, true)).toBe('no-visits');
		expect(dayState({ slots: [slot('14:00', 3)] }, false)).toBe('outside');
		expect(dayState(undefined, true)).toBe('unknown');
	});
	it('lays out Monday-first weeks for every month the window touches', () => {
		const days = [{ date: '2026-11-30', slots: [slot('14:00', 5), slot('18:00', 0)] }];
		const months = monthsFor(days, { from: '2026-11-28', to: '2026-12-26' });
		expect(months.map((m) => m.first)).toEqual(['2026-11-01', '2026-12-01']);
		// 1 November 2026 is a Sunday: six empty days come first.
		expect(months[0]?.weeks[0]?.slice(0, 6)).toEqual([null, null, null, null, null, null]);
		const last = months[0]?.weeks.at(-1)?.[0];
		expect(last).toMatchObject({ date: '2026-11-30', state: 'available', placesLeft: 5 });
		expect(months.every((m) => m.weeks.every((w) => w.length === 7))).toBe(true);
	});
});

describe('rules from a cached calendar', () => {
	it('treats a missing or closed slot as closed and a full one as full', () => {
		const context = contextFromCalendar([
			{ date: '2026-12-05', slots: [slot('09:30', 0), slot('14:00', 4)] },
			{ date: '2026-12-12', slots: [slot('14:00', 4, { closed: true, bookable: false })] }
		]);
		expect(context.timetable).toHaveLength(2);
		expect(context.closures).toEqual(
			expect.arrayContaining([
				{ date: '2026-12-12', start: '09:30', reason: '' },
				{ date: '2026-12-12', start: '14:00', reason: '' }
			])
		);
		expect(context.usage.get(slotUsageKey('2026-12-05', '09:30'))).toBe(20);
		expect(context.usage.get(slotUsageKey('2026-12-05', '14:00'))).toBe(16);
	});
});

describe('checking a page of the draft', () => {
	const prison = DEFAULT_PRISON_RULES;
	const now = new Date('2026-11-25T12:00:00Z');
	const filled = (): BookingDraft => ({
		...emptyDraft('6b0f7c7e-2b7a-4c43-9d4e-2a8e0c1f7a11'),
		prisonId: '11111111-1111-4111-8111-111111111111',
		prisoner: { firstName: 'John', lastName: 'Smith', dateOfBirth: { day: '1', month: '2', year: '1980' }, prisonerNumber: 'a1234bc' },
		visitors: [
			{ firstName: 'Jane', lastName: 'Smith', dateOfBirth: { day: '3', month: '4', year: '1985' }, email: 'jane@example.com', phone: '' }
		],
		slots: [{ date: '2026-12-05', start: '14:00' }]
	});

	it("shows only the page's own problems, in the shared schema's words", () => {
		const draft = { ...filled(), prisoner: { ...filled().prisoner, firstName: '' }, visitors: [{ ...filled().visitors[0]!, email: '' }] };
		expect(Object.keys(sectionErrors(draft, 'prisoner', prison, now))).toEqual(['prisoner.firstName']);
		expect(sectionErrors(draft, 'visitors', prison, now)).toEqual({ 'visitors.0.email': 'Enter an email address or a UK phone number' });
	});

	it('judges the lead visitor’s age and dates of birth with the shared rules', () => {
		const young = { ...filled(), visitors: [{ ...filled().visitors[0]!, dateOfBirth: { day: '1', month: '1', year: '2015' } }] };
		expect(sectionErrors(young, 'visitors', prison, now)['visitors.0.dateOfBirth']).toMatch(/18 or older/);
		const future = { ...filled(), prisoner: { ...filled().prisoner, dateOfBirth: { day: '1', month: '1', year: '2030' } } };
		expect(sectionErrors(future, 'prisoner', prison, now)).toEqual({ 'prisoner.dateOfBirth': 'Date of birth must be in the past' });
	});

	it('refuses a full slot on check your answers, as the server would', () => {
		const context = contextFromCalendar([{ date: '2026-12-05', slots: [slot('14:00', 0)] }]);
		const result = checkDraft(filled(), { prison, now, ...context });
		expect(result).toEqual({ ok: false, fields: { 'slots.0': 'This time is fully booked: choose another' } });
		const open = contextFromCalendar([{ date: '2026-12-05', slots: [slot('14:00', 2)] }]);
		const accepted = checkDraft(filled(), { prison, now, ...open });
		expect(accepted.ok && accepted.value.prisoner.prisonerNumber).toBe('A1234BC');
	});
});

describe('why the server refused a request', () => {
	const slots = [
		{ date: '2026-12-05', start: '14:00' },
		{ date: '2026-12-06', start: '14:00' }
	];
	it('names the chosen time a problem is about, and keeps other problems as the server said them', () => {
		const reasons = refusalReasons(
			{
				fields: {
					'slots.1': 'This time is fully booked: choose another',
					'prisoner.prisonerNumber': 'Enter a prisoner number like A1234BC'
				}
			},
			slots
		);
		expect(reasons).toEqual([
			'Sunday 6 December 2026, 2pm: This time is fully booked: choose another',
			'Enter a prisoner number like A1234BC'
		]);
	});
	it('has nothing to list when the server gave no fields', () => {
		expect(refusalReasons({}, slots)).toEqual([]);
	});
});
