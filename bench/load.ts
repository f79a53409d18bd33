// One autocannon run, reduced to the figures the report uses.
// autocannon ships no types. Its ambient declaration (a script, not a module, so it cannot be
// imported) is in tsconfig.server.json's files but not svelte-check's, which reaches this file from
// tests/bench-smoke.test.ts: the reference makes both see it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient `declare module` file can only be referenced
/// <reference path="./autocannon.d.ts" />
import autocannon, { type Options, type Result } from 'autocannon';

export interface LoadFigures {
	rps: number;
	p50Ms: number;
	p99Ms: number;
	requests: number;
	/** Connection errors and timeouts. */
	errors: number;
	/** Answers by status code, e.g. { "200": 51234 }. */
	statuses: Record<string, number>;
}

export interface LoadOptions extends Omit<Options, 'url' | 'duration'> {
	seconds: number;
	/** A short unmeasured run first, so JIT and caches are warm. */
	warmupSeconds?: number;
}

export async function load(url: string, options: LoadOptions): Promise<LoadFigures> {
	const { seconds, warmupSeconds = 0, ...rest } = options;
	if (warmupSeconds > 0) await autocannon({ ...rest, url, duration: warmupSeconds });
	const result: Result = await autocannon({ ...rest, url, duration: seconds });
	return figures(result);
}

export function figures(result: Result): LoadFigures {
	const statuses: Record<string, number> = {};
	for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count;
	return {
		// Total answered over the real duration: autocannon's per-second mean drops partial seconds.
		rps: result.requests.total / result.duration,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		requests: result.requests.total,
		errors: result.errors + result.timeouts,
		statuses
	};
}
