import { describe, expect, it } from 'vitest';
import { blockingFlagsForConfirm, flagsFor, NO_RECORD, sameName, type Ban, type FlagSubject } from '../../../src/lib/shared/rules/flags';

const ban = (overrides: Partial<Ban> = {}): Ban => ({
	id: 'b1',
	firstName: 'Bob',
	lastName: 'Smith',
	dateOfBirth: '1980-01-01',
	until: null,
	reason: 'x',
	...overrides
});
const request = (overrides: Partial<FlagSubject> = {}): FlagSubject => ({
	id: 'r1',
	status: 'requested',
	visitors: [
		{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03' },
		{ firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-01' }
	],
	slots: [
		{ date: '2027-01-09', start: '14:00' },
		{ date: '2027-01-10', start: '14:00' }
	],
	bookedSlot: null,
	excludedVisitors: [],
	...overrides
});

describe('flags', () => {
	it('matches names ignoring case and spaces, not other letters', () => {
		expect(sameName(' Mc Donald ', 'mcdonald')).toBe(true);
		expect(sameName('Smith', 'Smyth')).toBe(false);
	});

	it('flags a ban only on the chosen dates it covers, and not for a booked visit that excluded the visitor', () => {
		expect(flagsFor(request(), { ...NO_RECORD, bans: [ban({ until: '2027-01-08' })] })).toEqual([]);
		expect(flagsFor(request(), { ...NO_RECORD, bans: [ban({ until: '2027-01-09' })] })).toEqual([
			expect.objectContaining({ code: 'visitor_banned', visitors: [1], dates: ['2027-01-09'] })
		]);
		const booked = request({ status: 'booked', bookedSlot: { date: '2027-01-10', start: '14:00', end: '16:00' }, excludedVisitors: [1] });
		expect(flagsFor(booked, { ...NO_RECORD, bans: [ban()] })).toEqual([]);
		expect(flagsFor(request({ status: 'rejected' }), { ...NO_RECORD, bans: [ban()] })).toEqual([]);
	});

	it('needs an override to confirm while a banned visitor still comes or no visit is left', () => {
		const record = { allowance: { remaining: 0, renewsOn: null }, bans: [ban()] };
		expect(blockingFlagsForConfirm(request(), record, '2027-01-09', []).map((f) => f.code)).toEqual(['visitor_banned', 'no_allowance']);
		expect(blockingFlagsForConfirm(request(), { ...record, allowance: { remaining: null, renewsOn: null } }, '2027-01-09', [1])).toEqual(
			[]
		);
	});
});
