/*
 * Group commit: calls that arrive together (a reconnect storm, a booking window opening) are
 * gathered into one statement instead of one round trip each. A call waits at most for the
 * statement in flight before its own starts; with none in flight it goes out on the next turn of
 * the event loop, so a lone call is never held back. Each caller gets its own answer, and a batch
 * that fails is run again one call at a time, so a failing call never fails its neighbours.
 */

export interface GroupCommitOptions {
	/** The most calls one statement carries. */
	maxBatch?: number;
	/** Statements in flight at once (the pool's connections are shared with everything else). */
	maxInFlight?: number;
}

interface Waiting<I, O> {
	item: I;
	resolve: (value: O) => void;
	reject: (error: unknown) => void;
}

/**
 * Wraps `run`, which takes many calls' inputs and returns their outputs in the same order, into a
 * function of one input.
 */
export function groupCommit<I, O>(run: (items: readonly I[]) => Promise<readonly O[]>, options: GroupCommitOptions = {}) {
	const maxBatch = options.maxBatch ?? 200;
	const maxInFlight = options.maxInFlight ?? 2;
	let waiting: Waiting<I, O>[] = [];
	let inFlight = 0;
	let scheduled = false;

	async function runBatch(batch: Waiting<I, O>[]): Promise<void> {
		try {
			const outputs = await run(batch.map((call) => call.item));
			if (outputs.length !== batch.length) throw new Error(`A group commit answered ${outputs.length} of ${batch.length} calls`);
			batch.forEach((call, index) => call.resolve(outputs[index] as O));
		} catch (error) {
			if (batch.length === 1) {
				batch[0]!.reject(error);
				return;
			}
			// Each alone: only the call that fails sees its error.
			await Promise.all(
				batch.map(async (call) => {
					try {
						const [output] = await run([call.item]);
						call.resolve(output as O);
					} catch (single) {
						call.reject(single);
					}
				})
			);
		}
	}

	function flush(): void {
		scheduled = false;
		while (waiting.length > 0 && inFlight < maxInFlight) {
			const batch = waiting.slice(0, maxBatch);
			waiting = waiting.slice(batch.length);
			inFlight += 1;
			void runBatch(batch).finally(() => {
				inFlight -= 1;
				schedule();
			});
		}
	}

	function schedule(): void {
		if (scheduled || waiting.length === 0 || inFlight >= maxInFlight) return;
		scheduled = true;
		setImmediate(flush);
	}

	return (item: I): Promise<O> =>
		new Promise<O>((resolve, reject) => {
			waiting.push({ item, resolve, reject });
			schedule();
		});
}

/**
 * `many` (many calls' inputs in, their outputs out in the same order) as a function of one call on
 * a database handle: gathered with the calls on the same handle that arrive together (one group
 * per handle: the test suite runs many databases in one process), or alone inside a transaction,
 * whose statements must run on its own connection and in order.
 */
export function gatheredPer<D extends { readonly isTransaction: boolean }, I, O>(
	many: (db: D, items: readonly I[]) => Promise<readonly O[]>,
	options: GroupCommitOptions = {}
): (db: D, item: I) => Promise<O> {
	const groups = new WeakMap<D, (item: I) => Promise<O>>();
	return async (db, item) => {
		if (db.isTransaction) return (await many(db, [item]))[0] as O;
		let group = groups.get(db);
		if (!group) {
			group = groupCommit((items: readonly I[]) => many(db, items), options);
			groups.set(db, group);
		}
		return group(item);
	};
}
