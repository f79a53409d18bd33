// A write's own process trusts no cached calendar of that prison until it hears the write announced
// (or the write is taken as rolled back): a read right after a 201 on the same server must not race
// the NOTIFY's delivery on the LISTEN connection.
import { describe, expect, it } from 'vitest';
import type { ChannelHandlers, Notifications } from '../../../server/db/listen';
import { listenForCalendarChanges, noteCalendarWrite } from '../../../server/prisons/calendar-changes';

function fakeNotifications(): { notifications: Notifications; handlers: () => ChannelHandlers } {
	let heard: ChannelHandlers | undefined;
	return {
		notifications: {
			subscribe: async (_channel, handlers) => {
				heard = handlers;
				return () => undefined;
			},
			listening: () => true,
			close: async () => undefined
		},
		handlers: () => heard!
	};
}

describe('calendar changes heard by one process', () => {
	it('holds a prison written here as changed until its announcement arrives, then trusts newer reads', async () => {
		const { notifications, handlers } = fakeNotifications();
		const changes = await listenForCalendarChanges(notifications);
		handlers().connected?.();
		const prisonId = 'a-prison-written-here';
		const readBefore = changes.current();
		expect(changes.unchangedSince(prisonId, readBefore)).toBe(true);

		noteCalendarWrite(prisonId);
		expect(changes.unchangedSince(prisonId, readBefore)).toBe(false);
		expect(changes.unchangedSince(prisonId, changes.current())).toBe(false);

		handlers().notify(prisonId);
		expect(changes.unchangedSince(prisonId, readBefore)).toBe(false);
		expect(changes.unchangedSince(prisonId, changes.current())).toBe(true);
		await changes.stop();
	});

	it('takes a write never announced (rolled back) as nothing changed after a few seconds', async () => {
		const { notifications, handlers } = fakeNotifications();
		const changes = await listenForCalendarChanges(notifications);
		handlers().connected?.();
		const prisonId = 'a-prison-whose-write-rolled-back';
		const since = changes.current();
		noteCalendarWrite(prisonId, Date.now() - 6_000);
		expect(changes.unchangedSince(prisonId, since)).toBe(true);
		noteCalendarWrite(prisonId);
		expect(changes.unchangedSince(prisonId, since)).toBe(false);
		await changes.stop();
	});
});
