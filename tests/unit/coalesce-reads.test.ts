// The calendar cache checks a prison's calendar version on every request through coalesceReads:
// sharing reads must never hand a caller an answer from a read that began before it asked.
import { describe, expect, it } from 'vitest';
import { coalesceReads } from '../../server/prisons/coalesce-reads';

function controllableReads() {
	const started: { key: string; resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
	const read = (key: string) =>
		new Promise<number>((resolve, reject) => {
			started.push({ key, resolve, reject });
		});
	return { read, started };
}

describe('coalesceReads', () => {
	it('gives a caller who asks during a running read the result of a later read, shared with others who asked then', async () => {
		const { read, started } = controllableReads();
		const get = coalesceReads(read);
		const first = get('a');
		const second = get('a');
		const third = get('a');
		expect(started).toHaveLength(1);

		started[0]!.resolve(1);
		expect(await first).toBe(1);
		await Promise.resolve();
		expect(started).toHaveLength(2);
		started[1]!.resolve(2);
		expect(await second).toBe(2);
		expect(await third).toBe(2);
	});

	it('keeps keys apart, starts afresh once idle, and lets a failed read fail only its own callers', async () => {
		const { read, started } = controllableReads();
		const get = coalesceReads(read);
		const a = get('a');
		const b = get('b');
		expect(started.map((s) => s.key)).toEqual(['a', 'b']);
		const afterA = get('a');
		started[0]!.reject(new Error('lost'));
		await expect(a).rejects.toThrow('lost');
		await Promise.resolve();
		started[2]!.resolve(3);
		expect(await afterA).toBe(3);
		started[1]!.resolve(4);
		expect(await b).toBe(4);

		const later = get('a');
		expect(started).toHaveLength(4);
		started[3]!.resolve(5);
		expect(await later).toBe(5);
	});
});
