// `npm run bench`: builds the PWA, starts the API server and a control server in child processes
// over a fresh database (PostgreSQL when DATABASE_URL is set, PGlite otherwise), runs every
// scenario, prints a table and writes bench/results.json. See docs/performance.md.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { migrateToLatest } from '../server/db/migrate';
import { ROOT, startChild, type Child } from './children';
import { benchConfig, type OnlyScenario } from './config';
import { createBenchDatabase, pgliteTemplate, seedFixture, type BenchDatabase } from './database';
import { writeIntoDocs } from './docs-write-path';
import { formatTable, withGoals, type Results } from './report';
import { writeDocsFigures } from './docs-figures';
import { runClient } from './scenarios/client';
import { runLighthouse, type LighthouseFigures } from './scenarios/lighthouse';
import { overbooked, type ConfirmFigures } from './scenarios/confirm';
import { growTo, measureReport, measureSideBySide, seedGrowth, usagePlan } from './scenarios/growth';
import { stormRows, type StormFigures } from './scenarios/storm';
import { pgliteWriteLimitTarget, type WriteLimitTarget } from './scenarios/write-limit';
import { CpuLedger } from './cpu-ledger';
import { median, sideBySide } from './side-by-side';
import { startWorker } from './worker-client';
import { databasePoolSize } from '../server/config';

const config = benchConfig();
const { seconds: SECONDS, warmupSeconds: WARMUP } = config;
/** BENCH_RESULTS: somewhere else to write them (the smoke test keeps the real results file). */
const RESULTS_PATH = process.env.BENCH_RESULTS ? path.resolve(process.env.BENCH_RESULTS) : path.join(ROOT, 'bench', 'results.json');

const phaseSeconds: Record<string, number> = {};
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
	const started = performance.now();
	process.stderr.write(`bench: ${name}…\n`);
	try {
		return await work();
	} finally {
		phaseSeconds[name] = Math.round((performance.now() - started) / 100) / 10;
	}
}

async function main(): Promise<void> {
	const started = performance.now();
	const loadStart = loadavg()[0]!;
	const databaseUrl = process.env.DATABASE_URL || undefined;

	await phase('build', async () => {
		// As `npm start` does.
		if (config.build) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
	});

	const cleanups: (() => Promise<unknown>)[] = [];
	try {
		// BENCH_PGLITE_TEMPLATE: a migrated PGlite tarball to start from (the smoke test passes the suite's).
		let template =
			!databaseUrl && process.env.BENCH_PGLITE_TEMPLATE ? new Blob([await readFile(process.env.BENCH_PGLITE_TEMPLATE)]) : undefined;
		const database = await createBenchDatabase(databaseUrl, template);
		cleanups.push(() => database.drop());
		if (config.only?.has('calendar')) {
			const { calendarPrisonId } = await phase('fixture', () => withOpen(database, (open) => seedFixture(open, 1)));
			await calendarOnly(database.serverEnv, calendarPrisonId, cleanups);
			return;
		}
		if (config.only) {
			await browserScenariosAlone(database, cleanups, config.only, started, loadStart);
			return;
		}
		const fixture = await phase('fixture', () =>
			withOpen(database, async (open) => {
				template ??= await pgliteTemplate(open);
				return seedFixture(open, config.submitDevices);
			})
		);

		// The control, the server and the bench workers start at once: on a busy machine each takes seconds.
		// The load generator and the storm's phones each run in a process of their own.
		const [control, server, loader, phones] = await phase('start control, server and workers', () =>
			allStarted(cleanups, [
				startChild('bench/control-server.ts', {}, '/'),
				startChild(
					'server/index.ts',
					{
						...database.serverEnv,
						SEED: 'none',
						LOG_LEVEL: 'warn',
						NEW_DEVICES_PER_ADDRESS_PER_HOUR: '100000000',
						NEW_REQUESTS_PER_PRISON_PER_MINUTE: '100000000'
					},
					'/api/health',
					serverProfile()
				),
				startWorker('load'),
				startWorker('storm')
			])
		);
		const cpu = new CpuLedger(server, loader, databaseUrl);

		const poolSize = databasePoolSize();
		const writeLimitTarget: WriteLimitTarget = databaseUrl
			? { databaseUrl: database.serverEnv.DATABASE_URL!, connections: poolSize }
			: await pgliteWriteLimitTarget(template, cleanups);
		const loads = await phase('control, calendar, submit and write limit side by side', async () =>
			sideBySide(
				cpu.watch('control', await loader.define('control', 'bench/scenarios/control.ts', 'controlLoad', [control.url])),
				{
					calendar: cpu.watch(
						'calendar',
						await loader.define('calendar', 'bench/scenarios/calendar.ts', 'calendarLoads', [server.url, fixture.calendarPrisonId], 'full')
					),
					calendar304: cpu.watch(
						'calendar304',
						await loader.define(
							'calendar304',
							'bench/scenarios/calendar.ts',
							'calendarLoads',
							[server.url, fixture.calendarPrisonId],
							'notModified'
						)
					),
					submit: cpu.watch(
						'submit',
						await loader.define('submit', 'bench/scenarios/submit.ts', 'submitLoad', [
							server.url,
							fixture.calendarPrisonId,
							fixture.deviceSecrets
						])
					),
					// Right after each submit run: submit.limitRatio compares the two.
					writeLimit: cpu.watch(
						'writeLimit',
						await loader.define('writeLimit', 'bench/scenarios/write-limit.ts', 'writeLimitLoad', [
							writeLimitTarget,
							databaseUrl ? fixture.calendarPrisonId : null
						])
					)
				},
				{ rounds: config.rounds, seconds: SECONDS, warmupSeconds: WARMUP, onRun: (name) => process.stderr.write(`  ${name}\n`) }
			)
		);
		const rssMB = await server.rssMB();
		const { calendar: calendarRun, calendar304, submit: submitRun, writeLimit } = loads.subjects;
		const limitRounds = submitRun.rounds.map((round, i) => round.rps / writeLimit.rounds[i]!.rps);
		const calendar = calendarRun.figures;
		const submit = submitRun.figures;
		const confirm = await phase(
			'confirm',
			async () =>
				(
					await loader.call<ConfirmFigures>('bench/scenarios/confirm.ts', 'runConfirm', [
						server.url,
						fixture.confirmPrisonId,
						fixture.staff,
						config.confirmSlots
					])
				).value
		);
		const storm = await phase('storm', () =>
			cpu.during(() =>
				phones.call<StormFigures>('bench/scenarios/storm.ts', 'runStorm', [
					server.url,
					fixture.stormPrisonId,
					config.stormDevices,
					config.stormPerDevice
				])
			)
		);
		const client = config.client ? await phase('client', () => runClient(server.url)) : undefined;
		const lighthouse = config.client ? await phase('lighthouse', () => judgeWithLighthouse(server.url)) : undefined;
		await stopAll(server, control);

		const checked = await phase('check rows', () =>
			withOpen(database, async ({ db }) => ({
				overbooked: await overbooked(db, fixture.confirmPrisonId),
				storm: await stormRows(db, fixture.stormPrisonId)
			}))
		);

		const growthRows = config.growthRows;
		const growth = growthRows ? await phase('growth', () => measureGrowth(databaseUrl, template, growthRows, cleanups)) : undefined;

		const results: Results = withGoals({
			meta: {
				database: database.kind,
				smoke: config.smoke,
				startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
				totalSeconds: (performance.now() - started) / 1000,
				node: process.version,
				cpus: cpus().length,
				loadAverage: { start: loadStart, end: loadavg()[0]! },
				phaseSeconds
			},
			control: loads.control,
			calendar: {
				rps: calendar.rps,
				p50Ms: calendar.p50Ms,
				p99Ms: calendar.p99Ms,
				ratio: calendarRun.ratio,
				roundRatios: calendarRun.rounds.map((r) => r.ratio),
				notModifiedRps: calendar304.figures.rps,
				notModifiedRatio: calendar304.ratio,
				errors:
					calendar.errors +
					(calendar.requests - (calendar.statuses['200'] ?? 0)) +
					(calendar304.figures.requests - (calendar304.figures.statuses['304'] ?? 0))
			},
			submit: {
				rps: submit.rps,
				p50Ms: submit.p50Ms,
				p99Ms: submit.p99Ms,
				ratio: submitRun.ratio,
				roundRatios: submitRun.rounds.map((r) => r.ratio),
				limitRatio: median(limitRounds),
				limitRoundRatios: limitRounds,
				requests: submit.requests,
				errors: submit.errors + (submit.requests - (submit.statuses['201'] ?? 0))
			},
			writeLimit: {
				rps: writeLimit.figures.rps,
				p50Ms: writeLimit.figures.p50Ms,
				p99Ms: writeLimit.figures.p99Ms,
				roundRps: writeLimit.rounds.map((r) => r.rps),
				connections: databaseUrl ? poolSize : 1,
				errors: writeLimit.figures.errors
			},
			confirm: { ...confirm, overbooked: checked.overbooked },
			storm: { ...storm.value, ...checked.storm },
			cpu: { ...cpu.summary(), storm: storm.cpu },
			...(growth ? { growth } : {}),
			...(client ? { client } : {}),
			...(lighthouse ? { lighthouse } : {}),
			server: { rssMB }
		});
		await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, '\t')}\n`);
		// The docs show the latest full run (a smoke run's figures mean nothing).
		if (!config.smoke) await writeDocsFigures(results);
		if (await writeIntoDocs(ROOT, results))
			process.stderr.write(`bench: the write-path figures are in docs/performance.md (${results.meta.database})\n`);
		console.log(formatTable(results));
		console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_PATH)}; submit statuses ${JSON.stringify(submit.statuses)}`);
	} finally {
		for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error('bench cleanup:', error));
	}
}

/**
 * BENCH_ONLY=client,lighthouse: the browser scenarios alone, against the API server over the bench's
 * fixture (the build first, as in a full run). Their figures go to the results file; the docs and
 * the goals table are left to full runs.
 */
async function browserScenariosAlone(
	database: BenchDatabase,
	cleanups: (() => Promise<unknown>)[],
	only: ReadonlySet<OnlyScenario>,
	started: number,
	loadStart: number
): Promise<void> {
	await phase('fixture', () => withOpen(database, (open) => seedFixture(open, 1)));
	const [server] = await phase('start server', () =>
		allStarted(cleanups, [startChild('server/index.ts', { ...database.serverEnv, SEED: 'none', LOG_LEVEL: 'warn' }, '/api/health')])
	);
	const client = only.has('client') ? await phase('client', () => runClient(server.url)) : undefined;
	const lighthouse = only.has('lighthouse') ? await phase('lighthouse', () => judgeWithLighthouse(server.url)) : undefined;
	const results = {
		meta: {
			database: database.kind,
			only: [...only],
			startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
			totalSeconds: (performance.now() - started) / 1000,
			node: process.version,
			cpus: cpus().length,
			loadAverage: { start: loadStart, end: loadavg()[0]! },
			phaseSeconds
		},
		...(client ? { client } : {}),
		...(lighthouse ? { lighthouse } : {})
	};
	await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, '\t')}\n`);
	if (client)
		console.log(
			`client: ${client.jsGzipKB.toFixed(1)} KB JS gzip before the first page (en ${client.languages.en.jsGzipKB.toFixed(1)}, cy ${client.languages.cy.jsGzipKB.toFixed(1)}), offline open ${client.offlineOpenMs ?? '–'} ms`
		);
	for (const [name, page] of Object.entries(lighthouse?.pages ?? {}))
		console.log(
			`lighthouse ${name} (${page.path}${page.finalPath === page.path ? '' : ` → ${page.finalPath}`}): performance ${page.scores.performance}, FCP ${Math.round(page.metrics.fcpMs ?? NaN)} ms, LCP ${Math.round(page.metrics.lcpMs ?? NaN)} ms, TBT ${Math.round(page.metrics.tbtMs ?? NaN)} ms`
		);
	if (lighthouse?.problem) console.log(`lighthouse: ${lighthouse.problem}`);
	console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_PATH)}`);
}

/**
 * BENCH_ONLY=calendar: the control, calendar and 304 runs side by side and nothing else (work on the
 * calendar's fast path: a short loop, with BENCH_SERVER_PROFILE for a profile of just this load).
 * Prints the figures and writes them to BENCH_RESULTS in a shape of their own; docs are left alone.
 */
async function calendarOnly(serverEnv: Record<string, string>, prisonId: string, cleanups: (() => Promise<unknown>)[]): Promise<void> {
	const [control, server, loader] = await phase('start control, server and load worker', () =>
		allStarted(cleanups, [
			// With BENCH_SERVER_PROFILE the control writes a profile too: the same load on a bare route, per request.
			startChild('bench/control-server.ts', {}, '/', serverProfile()),
			startChild('server/index.ts', { ...serverEnv, SEED: 'none', LOG_LEVEL: 'warn' }, '/api/health', serverProfile()),
			startWorker('load')
		])
	);
	const databaseUrl = process.env.DATABASE_URL || undefined;
	const cpu = new CpuLedger(server, loader, databaseUrl);
	// The control's own CPU too, so each side's CPU per answer can be compared (steadier than rps on a shared machine).
	const controlCpu = new CpuLedger(control, loader, undefined);
	const define = (name: string, pick: string) =>
		loader.define(name, 'bench/scenarios/calendar.ts', 'calendarLoads', [server.url, prisonId], pick).then((run) => cpu.watch(name, run));
	const loads = await phase('control, calendar and 304 side by side', async () =>
		sideBySide(
			controlCpu.watch('control', await loader.define('control', 'bench/scenarios/control.ts', 'controlLoad', [control.url])),
			{ calendar: await define('calendar', 'full'), calendar304: await define('calendar304', 'notModified') },
			{ rounds: config.rounds, seconds: SECONDS, warmupSeconds: WARMUP, onRun: (name) => process.stderr.write(`  ${name}\n`) }
		)
	);
	// Stopped here rather than by the cleanups, so BENCH_SERVER_PROFILE's profile is written before the report.
	await stopAll(server, control);
	const { calendar, calendar304 } = loads.subjects;
	const results = {
		only: 'calendar',
		meta: { database: process.env.DATABASE_URL ? 'postgres' : 'pglite', node: process.version, loadAverage: loadavg(), phaseSeconds },
		control: loads.control,
		calendar: {
			rps: calendar.figures.rps,
			ratio: calendar.ratio,
			roundRatios: calendar.rounds.map((r) => r.ratio),
			statuses: calendar.figures.statuses
		},
		calendar304: {
			rps: calendar304.figures.rps,
			ratio: calendar304.ratio,
			roundRatios: calendar304.rounds.map((r) => r.ratio),
			statuses: calendar304.figures.statuses
		},
		cpu: { ...cpu.summary(), ...controlCpu.summary() }
	};
	// Cores / answers per second: the CPU each answer cost its server, in µs (warm-up runs included in both).
	const perAnswer = (name: 'control' | 'calendar' | 'calendar304', rps: number) => ((results.cpu[name]?.serverCores ?? NaN) / rps) * 1e6;
	await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, '\t')}\n`);
	const f = (value: number) => value.toFixed(2);
	console.log(`control rps ${Math.round(loads.control.rps)} (runs ${loads.control.runsRps.map(Math.round).join(', ')})`);
	console.log(
		`calendar rps ${Math.round(calendar.figures.rps)}, ratio ${f(calendar.ratio)} (rounds ${calendar.rounds.map((r) => f(r.ratio)).join(', ')})`
	);
	console.log(
		`calendar 304 rps ${Math.round(calendar304.figures.rps)}, ratio ${f(calendar304.ratio)} (rounds ${calendar304.rounds.map((r) => f(r.ratio)).join(', ')})`
	);
	console.log(
		`server CPU per answer, µs: control ${perAnswer('control', loads.control.rps).toFixed(1)}, calendar ${perAnswer('calendar', calendar.figures.rps).toFixed(1)}, 304 ${perAnswer('calendar304', calendar304.figures.rps).toFixed(1)}`
	);
	console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_PATH)}`);
}

/** A Lighthouse failure is a figure (named in results.json), not the end of the bench run. */
async function judgeWithLighthouse(serverUrl: string): Promise<LighthouseFigures> {
	try {
		return await runLighthouse(serverUrl);
	} catch (error) {
		const none = { performance: null, accessibility: null, bestPractices: null, seo: null };
		return { version: '', pages: {}, lowest: none, highest: { lcpMs: null, tbtMs: null }, problem: (error as Error).message };
	}
}

/** The calendar query side by side on a small and a large database, each made for this. */
async function measureGrowth(
	databaseUrl: string | undefined,
	template: Blob | undefined,
	rows: { small: number; large: number },
	cleanups: (() => Promise<unknown>)[]
): Promise<NonNullable<Results['growth']>> {
	const small = await createBenchDatabase(databaseUrl, template);
	cleanups.push(() => small.drop());
	const large = await createBenchDatabase(databaseUrl, template);
	cleanups.push(() => large.drop());
	return withOpen(small, (smallDb) =>
		withOpen(large, async (largeDb) => {
			const sides = [];
			let loadSeconds = 0;
			for (const [{ db }, target] of [
				[smallDb, rows.small],
				[largeDb, rows.large]
			] as const) {
				await migrateToLatest(db);
				const prisonId = await seedGrowth(db);
				loadSeconds += await growTo(db, target);
				sides.push({ db, prisonId });
			}
			const [atSmall, atLarge] = await measureSideBySide(sides);
			const [reportSmall, reportLarge] = await measureReport(sides);
			return {
				reportP99Ms10k: reportSmall!.p99Ms,
				reportP99Ms1M: reportLarge!.p99Ms,
				reportP50Ms1M: reportLarge!.p50Ms,
				rowsSmall: rows.small,
				rowsLarge: rows.large,
				p99Ms10k: atSmall!.p99Ms,
				p99Ms1M: atLarge!.p99Ms,
				p50Ms10k: atSmall!.p50Ms,
				p50Ms1M: atLarge!.p50Ms,
				ratio: atLarge!.p99Ms / atSmall!.p99Ms,
				loadSeconds,
				usagePlan1M: await usagePlan(largeDb.db, sides[1]!.prisonId)
			};
		})
	);
}

/** Waits for every process to start; each one that did is stopped by the cleanups, even when another failed. */
async function allStarted<T extends readonly Promise<{ stop(): Promise<void> }>[]>(
	cleanups: (() => Promise<unknown>)[],
	starting: T
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
	const settled = await Promise.allSettled(starting);
	for (const result of settled) if (result.status === 'fulfilled') cleanups.unshift(() => result.value.stop());
	const failed = settled.find((result) => result.status === 'rejected');
	if (failed) throw failed.reason;
	return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/** BENCH_SERVER_PROFILE=folder: the API server writes a CPU profile there when it stops (node --cpu-prof). */
function serverProfile(): string[] {
	const folder = process.env.BENCH_SERVER_PROFILE;
	return folder ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(folder)}`] : [];
}

async function withOpen<T>(database: BenchDatabase, work: (open: Awaited<ReturnType<BenchDatabase['open']>>) => Promise<T>): Promise<T> {
	const open = await database.open();
	try {
		return await work(open);
	} finally {
		await open.close();
	}
}

async function stopAll(...children: Child[]): Promise<void> {
	await Promise.all(children.map((child) => child.stop()));
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
