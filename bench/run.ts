// `npm run bench`: builds the PWA, starts the API server and a control server in child processes
// over a fresh database (PostgreSQL when DATABASE_URL is set, PGlite otherwise), runs every
// scenario, prints a table and writes bench/results.json. See docs/performance.md.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { migrateToLatest } from '../server/db/migrate';
import { ROOT, startChild, type Child } from './children';
import { benchConfig } from './config';
import { createBenchDatabase, pgliteTemplate, seedFixture, type BenchDatabase } from './database';
import { formatTable, withGoals, type Results } from './report';
import { calendarLoads } from './scenarios/calendar';
import { writeDocsFigures } from './docs-figures';
import { runClient } from './scenarios/client';
import { runLighthouse, type LighthouseFigures } from './scenarios/lighthouse';
import { overbooked, runConfirm } from './scenarios/confirm';
import { controlLoad } from './scenarios/control';
import { growTo, measureReport, measureSideBySide, seedGrowth, usagePlan } from './scenarios/growth';
import { runStorm, stormRows } from './scenarios/storm';
import { submitLoad } from './scenarios/submit';
import { sideBySide } from './side-by-side';

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
		let template = !databaseUrl && process.env.BENCH_PGLITE_TEMPLATE ? new Blob([await readFile(process.env.BENCH_PGLITE_TEMPLATE)]) : undefined;
		const database = await createBenchDatabase(databaseUrl, template);
		cleanups.push(() => database.drop());
		const fixture = await phase('fixture', () =>
			withOpen(database, async (open) => {
				template ??= await pgliteTemplate(open);
				return seedFixture(open, config.submitDevices);
			})
		);

		const control = await phase('start control', () => startChild('bench/control-server.ts', {}, '/'));
		cleanups.unshift(() => control.stop());
		const server = await phase('start server', () =>
			startChild('server/index.ts', { ...database.serverEnv, SEED: 'none', LOG_LEVEL: 'warn', NEW_DEVICES_PER_ADDRESS_PER_HOUR: '100000000', NEW_REQUESTS_PER_PRISON_PER_MINUTE: '100000000' }, '/api/health')
		);
		cleanups.unshift(() => server.stop());

		const calendarRuns = await calendarLoads(server.url, fixture.calendarPrisonId);
		const loads = await phase('control, calendar and submit side by side', () =>
			sideBySide(
				controlLoad(control.url),
				{
					calendar: calendarRuns.full,
					calendar304: calendarRuns.notModified,
					submit: submitLoad(server.url, fixture.calendarPrisonId, fixture.deviceSecrets)
				},
				{ rounds: config.rounds, seconds: SECONDS, warmupSeconds: WARMUP, onRun: (name) => process.stderr.write(`  ${name}\n`) }
			)
		);
		const rssMB = await server.rssMB();
		const { calendar: calendarRun, calendar304, submit: submitRun } = loads.subjects;
		const calendar = calendarRun.figures;
		const submit = submitRun.figures;
		const confirm = await phase('confirm', () => runConfirm(server.url, fixture.confirmPrisonId, fixture.staff, config.confirmSlots));
		const storm = await phase('storm', () => runStorm(server.url, fixture.stormPrisonId, config.stormDevices, config.stormPerDevice));
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
				errors: calendar.errors + (calendar.requests - (calendar.statuses['200'] ?? 0)) + (calendar304.figures.requests - (calendar304.figures.statuses['304'] ?? 0))
			},
			submit: {
				rps: submit.rps,
				p50Ms: submit.p50Ms,
				p99Ms: submit.p99Ms,
				ratio: submitRun.ratio,
				roundRatios: submitRun.rounds.map((r) => r.ratio),
				requests: submit.requests,
				errors: submit.errors + (submit.requests - (submit.statuses['201'] ?? 0))
			},
			confirm: { ...confirm, overbooked: checked.overbooked },
			storm: { ...storm, ...checked.storm },
			...(growth ? { growth } : {}),
			...(client ? { client } : {}),
			...(lighthouse ? { lighthouse } : {}),
			server: { rssMB }
		});
		await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, '\t')}\n`);
		// The docs show the latest full run (a smoke run's figures mean nothing).
		if (!config.smoke) await writeDocsFigures(results);
		console.log(formatTable(results));
		console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_PATH)}; submit statuses ${JSON.stringify(submit.statuses)}`);
	} finally {
		for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error('bench cleanup:', error));
	}
}

/** A Lighthouse failure is a figure (named in results.json), not the end of the bench run. */
async function judgeWithLighthouse(serverUrl: string): Promise<LighthouseFigures> {
	try {
		return await runLighthouse(serverUrl);
	} catch (error) {
		const none = { performance: null, accessibility: null, bestPractices: null, seo: null };
		return { version: '', pages: {} as LighthouseFigures['pages'], lowest: none, problem: (error as Error).message };
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
			for (const [{ db }, target] of [[smallDb, rows.small], [largeDb, rows.large]] as const) {
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
