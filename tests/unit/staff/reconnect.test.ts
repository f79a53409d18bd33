import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshWhenBack } from '../../../src/lib/client/refresh-when-back';
import { watchStaffEvents } from '../../../src/lib/client/staff/live-events';

// A window's event target and a fake EventSource, enough for the code under test.
let windowEvents: EventTarget;
class FakeEventSource extends EventTarget {
	static CLOSED = 2;
	static opened: FakeEventSource[] = [];
	readyState = 1;
	constructor(readonly url: string) {
		super();
		FakeEventSource.opened.push(this);
	}
	close() {
		this.readyState = FakeEventSource.CLOSED;
	}
	say(name: string, data = '{}') {
		this.dispatchEvent(new MessageEvent(name, { data }));
	}
}

beforeEach(() => {
	vi.useFakeTimers();
	windowEvents = new EventTarget();
	FakeEventSource.opened = [];
	vi.stubGlobal('addEventListener', windowEvents.addEventListener.bind(windowEvents));
	vi.stubGlobal('removeEventListener', windowEvents.removeEventListener.bind(windowEvents));
	vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
	vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('the queue after a break', () => {
	it('fetches again on online, and retries a fetch that failed for want of a network', async () => {
		const answers = [{ status: 0 }, { status: 0 }, null];
		const refresh = vi.fn(async () => answers.shift() ?? null);
		const back = refreshWhenBack(refresh, [1_000, 3_000]);
		windowEvents.dispatchEvent(new Event('online'));
		await vi.advanceTimersByTimeAsync(0);
		expect(refresh).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(refresh).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(3_000);
		expect(refresh).toHaveBeenCalledTimes(3);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(refresh).toHaveBeenCalledTimes(3);
		back.stop();
		windowEvents.dispatchEvent(new Event('online'));
		expect(refresh).toHaveBeenCalledTimes(3);
	});

	it('says each time the event stream (re)connected', () => {
		const onReady = vi.fn();
		const stop = watchStaffEvents(() => {}, { url: '/api/staff/events', onReady });
		const source = FakeEventSource.opened[0]!;
		expect(onReady).not.toHaveBeenCalled();
		source.say('ready');
		source.say('ready');
		expect(onReady).toHaveBeenCalledTimes(2);
		stop();
		expect(source.readyState).toBe(FakeEventSource.CLOSED);
	});

	it('opens a new stream when the browser gave up on the old one, at once when back online', async () => {
		const onReady = vi.fn();
		const stop = watchStaffEvents(() => {}, { url: '/api/staff/events', onReady, reopenAfterMs: 10_000 });
		const first = FakeEventSource.opened[0]!;
		first.say('ready');
		first.readyState = FakeEventSource.CLOSED;
		first.dispatchEvent(new Event('error'));
		windowEvents.dispatchEvent(new Event('online'));
		expect(FakeEventSource.opened).toHaveLength(2);
		FakeEventSource.opened[1]!.say('ready');
		expect(onReady).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(20_000);
		expect(FakeEventSource.opened).toHaveLength(2);
		stop();
	});
});
