// A decision is queued once, however often the button is pressed or however many tabs press it.
import { afterEach, expect, it } from 'vitest';
import { commands } from '../../../src/lib/client/commands';
import type { BookAPrisonVisitDb } from '../../../src/lib/client/db';
import { queueDecision } from '../../../src/lib/client/staff/decide';
import { fakeBrowserStorage } from '../../helpers/device-db';

let db: BookAPrisonVisitDb;
afterEach(() => db?.close());

const REQUEST_ID = '3f2b9c1e-7a4d-4c8e-9b1f-2d3e4f5a6b7c';
const confirm = { slot: { date: '2030-01-12', start: '14:00' }, excludedVisitors: [] };

it('queues one decision for a double tap, and for two tabs deciding at once', async () => {
	const storage = fakeBrowserStorage();
	db = storage.open();
	const otherTab = storage.open();
	try {
		const [first, second] = await Promise.all([
			queueDecision(db, commands.confirm(REQUEST_ID, confirm)),
			queueDecision(otherTab, commands.reject(REQUEST_ID, { reasons: ['no_allowance'] }))
		]);
		const again = await queueDecision(db, commands.confirm(REQUEST_ID, confirm));

		expect([first.queued, second.queued].sort()).toEqual([false, true]);
		expect(again.queued).toBe(false);
		const items = await db.outbox.toArray();
		expect(items).toHaveLength(1);
		expect(again.item.id).toBe(items[0]!.id);
	} finally {
		otherTab.close();
	}
});
