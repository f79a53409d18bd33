// A closure, a timetable or a ban the officer changed never flickers on the tablet: the server's
// answer is in the device's copy the moment the outbox item is done (no gap before the next
// refresh, when neither the queued change nor the server's copy would show it), and a copy the
// server sent before that answer never overwrites it.
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../src/lib/client/commands';
import type { BookAPrisonVisitDb } from '../../../src/lib/client/db';
import { claimNextItem, settleItem } from '../../../src/lib/client/outbox';
import { queuePrisonSetting } from '../../../src/lib/client/staff/decide';
import {
	cachedPrisonerRecord,
	queueBan,
	queueBanRemoval,
	recordItems,
	withQueuedRecordChanges,
	type PrisonerRecord
} from '../../../src/lib/client/staff/prisoner-record';
import { storedSettings, withQueuedChanges } from '../../../src/lib/client/staff/settings';
import { copyMark, recordKey, settingsKey, storeServerCopy, type PrisonSettings } from '../../../src/lib/client/staff/answered-copies';
import { fakeBrowserStorage } from '../../helpers/device-db';

let db: BookAPrisonVisitDb;
afterEach(() => db?.close());
const T0 = 1_750_000_000_000;
const prisonId = '6c1f7a52-6f0e-4a51-9d39-2f3c1f1f9a10';
const slot = { weekday: 6, start: '14:00', end: '16:00', capacity: 4 };
const server: PrisonSettings = { slots: [slot], closures: [{ date: '2030-01-12', reason: 'Alarm test' }], fetchedAt: T0 };

const answered = async (now: number, status: number, data: unknown) => {
	const item = await claimNextItem(db, { owner: 'tab', now, leaseMs: 60_000, exclusive: false, skipStaff: false });
	expect(item).toBeDefined();
	await settleItem(db, item!, { type: 'done', status, data }, { now, random: () => 0.5 });
};
const shown = async () => {
	const { settings, items } = await storedSettings(db, prisonId);
	return withQueuedChanges(settings!, items);
};
const closureDates = async () =>
	(await shown()).closures.map((closure) => `${closure.date}${closure.queued ? ` (${closure.queued})` : ''}`);

describe("the device's copy of a prison's timetable and closures", () => {
	it('shows an added closure the moment the server answers it, with no refresh', async () => {
		db = fakeBrowserStorage().open();
		await storeServerCopy(db, settingsKey(prisonId), server, await copyMark(db, settingsKey(prisonId)));
		await queuePrisonSetting(db, commands.addClosure(prisonId, { date: '2030-01-19', reason: 'Staff training' }));
		expect(await closureDates()).toEqual(['2030-01-12', '2030-01-19 (add)']);
		await answered(Date.now() + 1, 201, { date: '2030-01-19', reason: 'Staff training', cancelled: [] });
		expect((await shown()).closures).toEqual([server.closures[0], { date: '2030-01-19', reason: 'Staff training' }]);
	});

	it('never lets settings fetched before the answer overwrite it, and takes the next ones', async () => {
		db = fakeBrowserStorage().open();
		await storeServerCopy(db, settingsKey(prisonId), server, await copyMark(db, settingsKey(prisonId)));
		await queuePrisonSetting(db, commands.removeClosure(prisonId, { date: '2030-01-12' }));
		// A refresh asks, then the removal's answer arrives, then the (older) settings.
		const mark = await copyMark(db, settingsKey(prisonId));
		await answered(Date.now() + 1, 204, undefined);
		expect(await storeServerCopy(db, settingsKey(prisonId), { ...server, fetchedAt: T0 + 2 }, mark)).toBe(false);
		expect(await closureDates()).toEqual([]);
		// Settings asked for after the answer are the server's word.
		expect(
			await storeServerCopy(db, settingsKey(prisonId), { ...server, fetchedAt: T0 + 3 }, await copyMark(db, settingsKey(prisonId)))
		).toBe(true);
		expect(await closureDates()).toEqual(['2030-01-12']);
	});

	it('shows a new timetable the moment the server answers it', async () => {
		db = fakeBrowserStorage().open();
		await storeServerCopy(db, settingsKey(prisonId), server, await copyMark(db, settingsKey(prisonId)));
		const slots = [{ ...slot, capacity: 6 }];
		await queuePrisonSetting(db, commands.replaceTimetable(prisonId, { slots }));
		await answered(Date.now() + 1, 200, { prisonId, slots });
		expect(await shown()).toMatchObject({ slots, slotsQueued: false });
	});
});

describe("the tablet's copy of a prisoner's record", () => {
	const prisonerNumber = 'A1234BC';
	const key = recordKey(prisonId, prisonerNumber);
	const ban = { firstName: 'Eve', lastName: 'Banned', dateOfBirth: '1990-01-01', until: null, reason: 'Smuggling', restrictionId: null };
	const record = {
		prisonId,
		prisonerNumber,
		allowance: { remaining: 2, renewsOn: null },
		bans: [{ id: 'ban-1', ...ban }]
	} as unknown as PrisonerRecord;
	const banNames = async () => {
		const cached = await cachedPrisonerRecord(db, prisonId, prisonerNumber);
		const shownRecord = withQueuedRecordChanges(cached!.record, await recordItems(db, prisonId, prisonerNumber));
		return shownRecord.bans.map((shownBan) => `${shownBan.firstName}${shownBan.queued ? ` (${shownBan.queued})` : ''}`);
	};

	it('shows an added ban the moment the server answers it, and a list fetched before it never hides it', async () => {
		db = fakeBrowserStorage().open();
		await storeServerCopy(db, key, { record, fetchedAt: T0 }, await copyMark(db, key));
		await queueBan(db, prisonId, prisonerNumber, { ...ban, firstName: 'Adam', until: undefined });
		expect(await banNames()).toEqual(['Eve', 'Adam (add)']);
		const mark = await copyMark(db, key);
		await answered(Date.now() + 1, 201, { id: 'ban-2', ...ban, firstName: 'Adam' });
		expect(await banNames()).toEqual(['Eve', 'Adam']);
		expect(await storeServerCopy(db, key, { record, fetchedAt: T0 + 2 }, mark)).toBe(false);
		expect(await banNames()).toEqual(['Eve', 'Adam']);
	});

	it('takes a lifted ban off the moment the server answers it', async () => {
		db = fakeBrowserStorage().open();
		await storeServerCopy(db, key, { record, fetchedAt: T0 }, await copyMark(db, key));
		await queueBanRemoval(db, prisonId, prisonerNumber, 'ban-1');
		expect(await banNames()).toEqual(['Eve (remove)']);
		await answered(Date.now() + 1, 204, undefined);
		expect(await banNames()).toEqual([]);
	});
});
