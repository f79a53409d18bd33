// `npm run bench`: builds the PWA, starts the API server and a control server in child processes
// over a fresh database (PostgreSQL when DATABASE_URL is set, PGlite otherwise), runs every
// scenario, prints a table and writes bench/results.json. See docs/performance.md.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { migrateToLatest } from '../server/db/migrate';
import { ROOT, startChild, type Child } from './children';
import { createBenchDatabase, seedFixture, type BenchDatabase } from './database';
import { formatTable, withGoals, type Results } from './report';
import { runCalendar } from './scenarios/calendar';
import { runClient } from './scenarios/client';
import { overbooked, runConfirm, CONFIRM_REQUESTS } from './scenarios/confirm';
import { runControl } from './scenarios/control';
import { growTo, measureSideBySide, seedGrowth, usagePlan } from './scenarios/growth';
import { runStorm, stormRows } from './scenarios/storm';
import { runSubmit } from './scenarios/submit';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const GROWTH_ROWS = Number(process.env.BENCH_GROWTH_ROWS ?? 1_000_000);
const SUBMIT_DEVICES = 2_000;
export const RESULTS_PATH = path.join(ROOT, 'bench', 'results.json');

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
		// As `npm start` does; BENCH_SKIP_BUILD measures the build/ already there (bench development only).
		if (!process.env.BENCH_SKIP_BUILD) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
	});

	const cleanups: (() => Promise<unknown>)[] = [];
	try {
		const database = await createBenchDatabase(databaseUrl);
		cleanups.push(() => database.drop());
		const fixture = await phase('fixture', () => withOpen(database, (db) => seedFixture(db, SUBMIT_DEVICES)));

		const control = await phase('start control', () => startChild('bench/control-server.ts', {}, '/'));
		cleanups.unshift(() => control.stop());
		const server = await phase('start server', () =>
			startChild('server/index.ts', { ...database.serverEnv, SEED: 'none', LOG_LEVEL: 'warn' }, '/api/health')
		);
		cleanups.unshift(() => server.stop());

		// Control runs before each server run; ratios use their mean.
		const controlA = await phase('control', () => runControl(control.url, SECONDS));
		const calendar = await phase('calendar', () => runCalendar(server.url, fixture.calendarPrisonId, SECONDS));
		const controlB = await phase('control again', () => runControl(control.url, SECONDS));
		const submit = await phase('submit', () => runSubmit(server.url, fixture.calendarPrisonId, fixture.deviceSecrets, SECONDS));
		const rssMB = await server.rssMB();
		const confirm = await phase('confirm', () => runConfirm(server.url, fixture.confirmPrisonId, fixture.staff));
		const storm = await phase('storm', () => runStorm(server.url, fixture.stormPrisonId));
		const client = await phase('client', () => runClient(server.url));
		await stopAll(server, control);

		const checked = await phase('check rows', () =>
			withOpen(database, async ({ db }) => ({
				overbooked: await overbooked(db, fixture.confirmPrisonId),
				storm: await stormRows(db, fixture.stormPrisonId)
			}))
		);

		const growth = await phase('growth', async () => {
			const small = await createBenchDatabase(databaseUrl);
			cleanups.push(() => small.drop());
			const large = await createBenchDatabase(databaseUrl);
			cleanups.push(() => large.drop());
			return withOpen(small, (smallDb) =>
				withOpen(large, async (largeDb) => {
					const sides = [];
					let loadSeconds = 0;
					for (const [{ db }, rows] of [[smallDb, 10_000], [largeDb, GROWTH_ROWS]] as const) {
						await migrateToLatest(db);
						const prisonId = await seedGrowth(db);
						loadSeconds += await growTo(db, rows);
						sides.push({ db, prisonId });
					}
					const [at10k, at1M] = await measureSideBySide(sides);
					return { at10k: at10k!, at1M: at1M!, loadSeconds, plan: await usagePlan(largeDb.db, sides[1]!.prisonId) };
				})
			);
		});

		const controlRps = (controlA.rps + controlB.rps) / 2;
		const results: Results = withGoals({
			meta: {
				database: database.kind,
				startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
				totalSeconds: (performance.now() - started) / 1000,
				node: process.version,
				cpus: cpus().length,
				loadAverage: { start: loadStart, end: loadavg()[0]! },
				phaseSeconds
			},
			control: { rps: controlRps, runsRps: [controlA.rps, controlB.rps] },
			calendar: {
				rps: calendar.full.rps,
				p50Ms: calendar.full.p50Ms,
				p99Ms: calendar.full.p99Ms,
				ratio: calendar.full.rps / controlRps,
				notModifiedRps: calendar.notModified.rps,
				notModifiedRatio: calendar.notModified.rps / controlRps,
				errors: calendar.full.errors + (calendar.full.requests - (calendar.full.statuses['200'] ?? 0))
			},
			submit: {
				rps: submit.rps,
				p50Ms: submit.p50Ms,
				p99Ms: submit.p99Ms,
				ratio: submit.rps / controlRps,
				requests: submit.requests,
				errors: submit.errors + (submit.requests - (submit.statuses['201'] ?? 0))
			},
			confirm: { requests: CONFIRM_REQUESTS, ...confirm, overbooked: checked.overbooked },
			storm: { ...storm, ...checked.storm },
			growth: {
				p99Ms10k: growth.at10k.p99Ms,
				p99Ms1M: growth.at1M.p99Ms,
				p50Ms10k: growth.at10k.p50Ms,
				p50Ms1M: growth.at1M.p50Ms,
				ratio: growth.at1M.p99Ms / growth.at10k.p99Ms,
				loadSeconds: growth.loadSeconds,
				usagePlan1M: growth.plan
			},
			client,
			server: { rssMB }
		});
		await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, '\t')}\n`);
		console.log(formatTable(results));
		console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_PATH)}; submit statuses ${JSON.stringify(submit.statuses)}`);
	} finally {
		for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error('bench cleanup:', error));
	}
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
