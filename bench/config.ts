// How big a bench run is. The full run is what docs/performance.md reports; BENCH_SMOKE=1 is a
// tiny run of the same code for the test suite, which checks that the bench starts and finishes,
// never how fast anything was.

export interface BenchConfig {
	smoke: boolean;
	/** Length of each load run. */
	seconds: number;
	/** Rounds of calendar, 304 and submit runs, each between two control runs. */
	rounds: number;
	/** Unmeasured load before each measured run, so JIT and caches are warm. */
	warmupSeconds: number;
	/** Registered devices the submit load is spread over. */
	submitDevices: number;
	/** Confirm contention: slots of capacity CONFIRM_CAPACITY, twice as many requests as places. */
	confirmSlots: number;
	stormDevices: number;
	stormPerDevice: number;
	/** Visit requests in the small and the large database of the growth scenario; null skips it. */
	growthRows: { small: number; large: number } | null;
	/** Build the PWA first (as `npm start` does). */
	build: boolean;
	/** Measure the client in Chromium (needs the built PWA). */
	client: boolean;
	/**
	 * BENCH_ONLY: a comma-separated list of scenarios to run alone, null for all. The browser
	 * scenarios, `client` and `lighthouse`, together or not; or `calendar` by itself (the control,
	 * calendar and 304 runs side by side, for work on the calendar's fast path).
	 */
	only: ReadonlySet<OnlyScenario> | null;
}

export const ONLY_SCENARIOS = ['client', 'lighthouse', 'calendar'] as const;
export type OnlyScenario = (typeof ONLY_SCENARIOS)[number];

function onlyFrom(raw: string | undefined): ReadonlySet<OnlyScenario> | null {
	if (raw === undefined || raw.trim() === '') return null;
	const names = raw
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	for (const name of names) {
		if (!(ONLY_SCENARIOS as readonly string[]).includes(name))
			throw new Error(`BENCH_ONLY: ${name} cannot run alone (one or more of ${ONLY_SCENARIOS.join(', ')})`);
	}
	if (names.includes('calendar') && names.length > 1)
		throw new Error('BENCH_ONLY: calendar runs by itself, not with the browser scenarios');
	return new Set(names as OnlyScenario[]);
}

function numberFrom(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${raw}`);
	return value;
}

export function benchConfig(): BenchConfig {
	const smoke = process.env.BENCH_SMOKE === '1';
	if (smoke) {
		return {
			smoke,
			// 1 s, not less: on a saturated machine a submit may take half a second, and a run must answer some.
			seconds: 1,
			rounds: 1,
			warmupSeconds: 0,
			submitDevices: 50,
			confirmSlots: 1,
			stormDevices: 10,
			stormPerDevice: 2,
			growthRows: null,
			build: false,
			client: false,
			only: null
		};
	}
	return {
		smoke,
		seconds: numberFrom('BENCH_SECONDS', 2),
		rounds: numberFrom('BENCH_ROUNDS', 3),
		warmupSeconds: 1,
		submitDevices: 2_000,
		confirmSlots: 20,
		stormDevices: 1_000,
		stormPerDevice: 10,
		growthRows: { small: 10_000, large: numberFrom('BENCH_GROWTH_ROWS', 1_000_000) },
		// BENCH_SKIP_BUILD measures the build/ already there; BENCH_CLIENT=0 leaves the browser out (and
		// the build, which only the client scenario needs): both for bench development only.
		// BENCH_ONLY=calendar needs no build either.
		build: !process.env.BENCH_SKIP_BUILD && process.env.BENCH_CLIENT !== '0' && process.env.BENCH_ONLY?.trim() !== 'calendar',
		client: process.env.BENCH_CLIENT !== '0',
		only: onlyFrom(process.env.BENCH_ONLY)
	};
}
