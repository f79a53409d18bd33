// Group commit (server/db/group-commit.ts): calls made together share one run, a lone call is not
// held back, each caller gets its own answer, and a batch that fails is run again one call at a
// time so only the failing call sees its error.
import { describe, expect, it } from 'vitest';
import { gatheredPer, groupCommit } from '../../../server/db/group-commit';

describe('group commit', () => {
	it('gathers calls made together into one run and answers each in order', async () => {
		const runs: number[][] = [];
		const double = groupCommit(async (items: readonly number[]) => {
			runs.push([...items]);
			return items.map((n) => n * 2);
		});
		expect(await Promise.all([1, 2, 3, 4, 5].map(double))).toEqual([2, 4, 6, 8, 10]);
		expect(runs).toEqual([[1, 2, 3, 4, 5]]);
		// A lone call later goes out on its own.
		expect(await double(7)).toBe(14);
		expect(runs).toEqual([[1, 2, 3, 4, 5], [7]]);
	});

	it('holds calls that arrive while statements are in flight for the next run, and caps a run', async () => {
		const runs: number[][] = [];
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const echo = groupCommit(
			async (items: readonly number[]) => {
				runs.push([...items]);
				if (runs.length === 1) await gate;
				return items;
			},
			{ maxInFlight: 1, maxBatch: 3 }
		);
		const first = echo(0);
		await new Promise((resolve) => setImmediate(resolve));
		expect(runs).toEqual([[0]]);
		const later = [1, 2, 3, 4].map(echo);
		await new Promise((resolve) => setImmediate(resolve));
		// The first run is still in flight: nothing else has gone out.
		expect(runs).toEqual([[0]]);
		release();
		expect(await Promise.all([first, ...later])).toEqual([0, 1, 2, 3, 4]);
		expect(runs).toEqual([[0], [1, 2, 3], [4]]);
	});

	it('runs a failed batch again one call at a time, so only the failing call fails', async () => {
		const runs: string[][] = [];
		const upper = groupCommit(async (items: readonly string[]) => {
			runs.push([...items]);
			if (items.includes('bad')) throw new Error('bad input');
			return items.map((s) => s.toUpperCase());
		});
		const answers = await Promise.allSettled(['a', 'bad', 'c'].map(upper));
		expect(answers).toEqual([
			{ status: 'fulfilled', value: 'A' },
			{ status: 'rejected', reason: new Error('bad input') },
			{ status: 'fulfilled', value: 'C' }
		]);
		expect(runs).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
	});

	it('gathers per database handle, and runs a call inside a transaction alone on that transaction', async () => {
		const runs: { db: string; items: number[] }[] = [];
		const square = gatheredPer(async (db: { name: string; isTransaction: boolean }, items: readonly number[]) => {
			runs.push({ db: db.name, items: [...items] });
			return items.map((n) => n * n);
		});
		const one = { name: 'one', isTransaction: false };
		const two = { name: 'two', isTransaction: false };
		const trx = { name: 'trx', isTransaction: true };
		expect(await Promise.all([square(one, 1), square(two, 2), square(one, 3), square(trx, 4), square(trx, 5)])).toEqual([1, 4, 9, 16, 25]);
		expect(runs).toEqual([
			// A transaction's calls run at once, one each: they may not wait for other callers' statements.
			{ db: 'trx', items: [4] },
			{ db: 'trx', items: [5] },
			{ db: 'one', items: [1, 3] },
			{ db: 'two', items: [2] }
		]);
	});
});
