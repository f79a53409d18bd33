import { describe, expect, it } from 'vitest';
import { blockingFlagsForConfirm, flagsFor, NO_RECORD, type Ban, type FlagSubject } from '../../../src/lib/shared/rules/flags';
import { sameName } from '../../../src/lib/shared/names';
import { partyChanges } from '../../../src/lib/shared/rules/party';

const ban = (overrides: Partial<Ban> = {}): Ban => ({
	id: 'b1',
	firstName: 'Bob',
	lastName: 'Smith',
	dateOfBirth: '1980-01-01',
	until: null,
	reason: 'x',
	restrictionId: null,
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
	it('judges a booked visit with a change of party by the party that would come, on the booked and the asked-for dates', () => {
		const mary = { firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03' };
		const bob = { firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-01' };
		const booked = request({
			status: 'booked',
			visitors: [mary],
			bookedSlot: { date: '2027-01-09', start: '14:00', end: '16:00' },
			// Positions of the old party: the new one comes whole.
			excludedVisitors: [1]
		});
		const bans = { ...NO_RECORD, bans: [ban()] };
		expect(flagsFor(booked, bans)).toEqual([]);
		const adding = {
			...booked,
			change: { id: 'c1', slots: [{ date: '2027-01-16', start: '14:00' }], visitors: [mary, bob], requestedAt: '' }
		};
		expect(flagsFor(adding, bans)).toEqual([
			expect.objectContaining({ code: 'visitor_banned', visitors: [1], dates: ['2027-01-09', '2027-01-16'] })
		]);
		expect(partyChanges([mary], [{ ...mary, firstName: ' mary ' }, bob])).toEqual({ added: [bob], removed: [] });
	});

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
