// The bench's results: the shape of results.json, the goals they are held to, and the table printed
// at the end. Bench output is for engineers at a terminal, not visitors or staff, so its words live
// here rather than in the PWA's message catalogue (which ships to every phone).

import type { SidesCpu } from './cpu-ledger';
import type { ClientFigures } from './scenarios/client';
import type { LighthouseFigures } from './scenarios/lighthouse';

export interface Results {
	meta: {
		database: 'postgres' | 'pglite';
		/** BENCH_SMOKE=1: a tiny run that only shows the bench works; its figures mean nothing. */
		smoke: boolean;
		startedAt: string;
		totalSeconds: number;
		node: string;
		cpus: number;
		/** 1-minute load average at start and end: how shared the machine was. */
		loadAverage: { start: number; end: number };
		phaseSeconds: Record<string, number>;
	};
	/** Mean of every control run; runsRps in the order they ran, between the measured runs. */
	control: { rps: number; runsRps: number[] };
	calendar: {
		rps: number;
		p50Ms: number;
		p99Ms: number;
		/** Median of roundRatios: each run's rps over the control runs either side of it. */
		ratio: number;
		roundRatios: number[];
		notModifiedRps: number;
		notModifiedRatio: number;
		errors: number;
	};
	submit: {
		rps: number;
		p50Ms: number;
		p99Ms: number;
		ratio: number;
		roundRatios: number[];
		/** Median over the rounds of submit rps / the write limit's rps in the run right after it. */
		limitRatio: number;
		limitRoundRatios: number[];
		requests: number;
		errors: number;
	};
	/** The write-limit yardstick (scenarios/write-limit.ts): a submit's rows committed by a bare client. */
	writeLimit: { rps: number; p50Ms: number; p99Ms: number; roundRps: number[]; connections: number; errors: number };
	/** Cores each side used (cpu-ledger.ts): per load run, and the storm. */
	cpu: Record<string, SidesCpu>;
	confirm: {
		requests: number;
		seconds: number;
		perSecond: number;
		succeeded: number;
		conflicts: number;
		other: number;
		overbooked: number;
	};
	storm: { devices: number; perDevice: number; seconds: number; rows: number; duplicates: number; undrained: number; retries: number };
	/** Absent in a smoke run. The large side has 1M rows unless rowsLarge says otherwise. */
	growth?: {
		rowsSmall: number;
		rowsLarge: number;
		p99Ms10k: number;
		p99Ms1M: number;
		p50Ms10k: number;
		p50Ms1M: number;
		ratio: number;
		loadSeconds: number;
		usagePlan1M: string;
		/** The staff report over 28 days for the measured prison. */
		reportP99Ms10k?: number;
		reportP99Ms1M?: number;
		reportP50Ms1M?: number;
	};
	/** Absent in a smoke run. */
	client?: ClientFigures;
	/** Absent in a smoke run: Lighthouse's mobile scores for five pages (bench/scenarios/lighthouse.ts). */
	lighthouse?: LighthouseFigures;
	server: { rssMB: number };
	goals: GoalResult[];
}

export interface GoalResult {
	key: string;
	goal: string;
	value: number | null;
	met: boolean;
	/** For a missed goal: what limits it, as measured. */
	limitedBy?: string;
}

type Measured = Omit<Results, 'goals'>;

interface Goal {
	key: string;
	/** A scenario a smoke run leaves out: its goals are left out with it. */
	part?: 'growth' | 'client' | 'lighthouse';
	goal: string;
	value: (r: Measured) => number | null;
	met: (value: number, results: Measured) => boolean;
	limitedBy: (r: Measured) => string;
}

const atLeast = (n: number) => (v: number) => v >= n;
const atMost = (n: number) => (v: number) => v <= n;
const exactly = (n: number) => (v: number) => v === n;

const ONE_SESSION = 'PGlite is one PostgreSQL session in the server process: every query of every request waits its turn';

export const GOALS: Goal[] = [
	{
		key: 'calendar.ratio',
		goal: '≥ 0.6',
		value: (r) => r.calendar.ratio,
		met: atLeast(0.6),
		limitedBy: (r) =>
			'a cached answer needs no database; what is left is the API pipeline per answer (router, middlewares, ' +
			`validation, headers), a few hundredths each (a 304, with no body, reaches ${r.calendar.notModifiedRatio.toFixed(2)}), ` +
			`with the load generator and both servers on ${r.meta.cpus} shared cores (load average ${r.meta.loadAverage.start.toFixed(1)}); see docs/performance.md`
	},
	{
		key: 'calendar.notModifiedRatio',
		goal: '≥ 0.8',
		value: (r) => r.calendar.notModifiedRatio,
		met: atLeast(0.8),
		limitedBy: (r) =>
			`a 304 from the fast path is one synchronous step with no body; what is left is @hono/node-server and node:http per request, with the load generator and both servers on ${r.meta.cpus} shared cores (load average ${r.meta.loadAverage.start.toFixed(1)})`
	},
	{
		key: 'submit.ratio',
		goal: '≥ 0.25',
		value: (r) => r.submit.ratio,
		met: atLeast(0.25),
		limitedBy: (r) =>
			`a submit is a durable commit: the database alone commits a submit's rows at ${r.writeLimit.rps.toFixed(0)}/s here ` +
			`(write limit), ${(r.writeLimit.rps / r.control.rps).toFixed(3)} of the bare route; see submit.limitRatio`
	},
	{
		key: 'submit.limitRatio',
		goal: '≥ 0.5',
		value: (r) => r.submit.limitRatio,
		met: atLeast(0.5),
		limitedBy: (r) =>
			r.meta.database === 'pglite'
				? `${ONE_SESSION}; a submit is 5 statements (device, device limit, rule read, prison limit, the write) to the write limit's 7 in one transaction, plus HTTP, validation and the rules on the same core as the embedded database (a CPU profile: docs/performance.md, Write path)`
				: `a submit is 5 statements (device, device limit, rule read, prison limit, one write), each shared by the submits that arrive together (group commit), plus HTTP, validation and the rules, on the same ${r.meta.cpus} cores as PostgreSQL and the load (server ${r.cpu.submit?.serverCores ?? '?'} cores, PostgreSQL ${r.cpu.submit?.databaseCores ?? '?'}, load ${r.cpu.submit?.loadCores ?? '?'}, machine ${r.cpu.submit?.machineCores ?? '?'})`
	},
	{
		key: 'submit.errors',
		goal: '= 0',
		value: (r) => r.submit.errors,
		met: exactly(0),
		limitedBy: () => 'see the status codes in results.json'
	},
	{
		key: 'confirm.succeeded',
		goal: '= half',
		value: (r) => r.confirm.succeeded,
		met: (v, r) => v === r.confirm.requests / 2,
		limitedBy: () => 'capacity check'
	},
	{
		key: 'confirm.conflicts',
		goal: '= half',
		value: (r) => r.confirm.conflicts,
		met: (v, r) => v === r.confirm.requests / 2,
		limitedBy: () => 'capacity check'
	},
	{ key: 'confirm.overbooked', goal: '= 0', value: (r) => r.confirm.overbooked, met: exactly(0), limitedBy: () => 'capacity check' },
	{
		key: 'storm.seconds',
		goal: '≤ 10',
		value: (r) => r.storm.seconds,
		met: atMost(10),
		limitedBy: (r) =>
			r.meta.database === 'pglite'
				? `${ONE_SESSION}: the storm is ${r.storm.devices * r.storm.perDevice} submits, so it cannot drain faster than submit.rps (${r.submit.rps.toFixed(0)}/s) allows`
				: `the storm is ${r.storm.devices * r.storm.perDevice} submits, so it cannot drain faster than submit.rps (${r.submit.rps.toFixed(0)}/s) allows; the phones' process used ${r.cpu.storm?.loadCores ?? '?'} cores, the server ${r.cpu.storm?.serverCores ?? '?'} and PostgreSQL ${r.cpu.storm?.databaseCores ?? '?'} of ${r.meta.cpus}`
	},
	{
		key: 'storm.rows',
		goal: '= all queued',
		value: (r) => r.storm.rows,
		met: (v, r) => v === r.storm.devices * r.storm.perDevice,
		limitedBy: (r) => `${r.storm.undrained} items never drained`
	},
	{ key: 'storm.duplicates', goal: '= 0', value: (r) => r.storm.duplicates, met: exactly(0), limitedBy: () => 'idempotent submit' },
	{
		key: 'growth.ratio',
		part: 'growth',
		goal: '≤ 1.5',
		value: (r) => r.growth?.ratio ?? null,
		met: atMost(1.5),
		limitedBy: (r) => `timing noise on a shared machine; the booked-places read uses ${r.growth?.usagePlan1M}`
	},
	{
		key: 'client.jsGzipKB',
		part: 'client',
		goal: '≤ 45',
		value: (r) => r.client?.jsGzipKB ?? null,
		met: atMost(45),
		limitedBy: (r) => `the largest files loaded before the first page: ${r.client ? largestFirstFiles(r.client, 4) : ''}`
	},
	{
		key: 'client.wire.jsKB',
		part: 'client',
		goal: '≤ 60',
		value: (r) => r.client?.wire.jsKB ?? null,
		met: atMost(60),
		limitedBy: (r) => `the largest scripts of the whole first visit, as sent: ${r.client ? largestWireFiles(r.client, 4) : ''}`
	},
	{
		key: 'client.wire.cssKB',
		part: 'client',
		goal: '≤ 12',
		value: (r) => r.client?.wire.cssKB ?? null,
		met: atMost(12),
		limitedBy: () => 'govuk-frontend styles'
	},
	{
		key: 'client.wire.uncompressed',
		part: 'client',
		goal: '= 0',
		value: (r) => r.client?.wire.uncompressed.length ?? null,
		met: exactly(0),
		limitedBy: (r) => `sent without Content-Encoding: ${r.client?.wire.uncompressed.join(', ')}`
	},
	...(['performance', 'accessibility', 'bestPractices', 'seo'] as const).map((category): Goal => ({
		key: `lighthouse.${category}`,
		part: 'lighthouse',
		goal: category === 'performance' ? '≥ 0.95 on each page' : '= 1 on each page',
		value: (r) => r.lighthouse?.lowest[category] ?? null,
		met: atLeast(category === 'performance' ? 0.95 : 1),
		limitedBy: (r) => lighthouseMisses(r.lighthouse, category)
	})),
	...(
		[
			['lcpMs', 2000, 'largest contentful paint'],
			['tbtMs', 200, 'total blocking time']
		] as const
	).map(([metric, limit, what]): Goal => ({
		key: `lighthouse.${metric}`,
		part: 'lighthouse',
		goal: `≤ ${limit} ms on each page (${what})`,
		value: (r) => r.lighthouse?.highest[metric] ?? null,
		met: atMost(limit),
		limitedBy: (r) =>
			Object.entries(r.lighthouse?.pages ?? {})
				.filter(([, page]) => (page.metrics[metric] ?? Infinity) > limit)
				.map(([name, page]) => `${name} ${Math.round(page.metrics[metric] ?? NaN)} ms`)
				.join('; ')
	})),
	{
		key: 'client.cssGzipKB',
		part: 'client',
		goal: '≤ 18',
		value: (r) => r.client?.cssGzipKB ?? null,
		met: atMost(18),
		limitedBy: () => 'govuk-frontend styles shipped whole'
	},
	{
		key: 'client.offlineOpenMs',
		part: 'client',
		goal: '≤ 500',
		value: (r) => r.client?.offlineOpenMs ?? null,
		met: atMost(500),
		limitedBy: (r) => r.client?.offlineProblem ?? 'start-up of the app shell from the service worker cache'
	}
];

function largestFirstFiles(client: ClientFigures, count: number): string {
	return client.downloads
		.filter((file) => file.beforeFirstPage && !file.path.endsWith('.css'))
		.slice(0, count)
		.map((file) => `${file.path.split('/').pop()} ${file.gzipKB.toFixed(1)} KB`)
		.join(', ');
}

function largestWireFiles(client: ClientFigures, count: number): string {
	return [...client.downloads]
		.filter((file) => file.path.endsWith('.js'))
		.sort((a, b) => b.wireKB - a.wireKB)
		.slice(0, count)
		.map(
			(file) =>
				`${file.path.split('/').pop()} ${file.wireKB.toFixed(1)} KB ${file.encoding || 'uncompressed'}${file.beforeFirstPage ? '' : ' (after first paint)'}`
		)
		.join(', ');
}

function lighthouseMisses(
	lighthouse: LighthouseFigures | undefined,
	category: 'performance' | 'accessibility' | 'bestPractices' | 'seo'
): string {
	if (!lighthouse) return 'not measured';
	if (lighthouse.problem) return lighthouse.problem;
	const id = category === 'bestPractices' ? 'best-practices' : category;
	const limit = category === 'performance' ? 0.95 : 1;
	return Object.entries(lighthouse.pages)
		.filter(([, page]) => (page.scores[category] ?? 0) < limit)
		.map(([name, page]) => {
			const failing = page.failing.filter((f) => f.category === id).map((f) => `${f.id}${f.displayValue ? ` ${f.displayValue}` : ''}`);
			return `${name} ${page.scores[category]?.toFixed(2)}: ${failing.join(', ') || 'no single audit below 1'}`;
		})
		.join('; ');
}

export function withGoals(measured: Measured): Results {
	const goals = GOALS.filter((goal) => !goal.part || measured[goal.part] !== undefined).map((goal): GoalResult => {
		const value = goal.value(measured);
		const met = value !== null && Number.isFinite(value) && goal.met(value, measured);
		return { key: goal.key, goal: goal.goal, value, met, ...(met ? {} : { limitedBy: goal.limitedBy(measured) }) };
	});
	return { ...measured, goals };
}

const count = (rows: number) => (rows >= 1_000_000 ? `${rows / 1_000_000}M` : rows >= 1_000 ? `${rows / 1_000}k` : String(rows));
const n = (value: number | null, digits = 0) => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits));

/** The table printed at the end of `npm run bench`. */
export function formatTable(results: Results): string {
	const r = results;
	const goalOf = new Map(r.goals.map((g) => [g.key, g]));
	const rows: [string, string, string][] = [];
	const row = (label: string, value: string, key?: string) => {
		const goal = key ? goalOf.get(key) : undefined;
		rows.push([label, value, goal ? `${goal.goal} ${goal.met ? 'met' : 'MISSED'}` : '']);
	};
	row('control rps (bare Hono route)', n(r.control.rps));
	row('calendar rps / p50 / p99 ms', `${n(r.calendar.rps)} / ${n(r.calendar.p50Ms, 1)} / ${n(r.calendar.p99Ms, 1)}`);
	row('calendar ratio', n(r.calendar.ratio, 2), 'calendar.ratio');
	row('calendar 304 rps', n(r.calendar.notModifiedRps));
	row('calendar 304 ratio', n(r.calendar.notModifiedRatio, 2), 'calendar.notModifiedRatio');
	row('submit rps / p99 ms', `${n(r.submit.rps)} / ${n(r.submit.p99Ms, 1)}`);
	row('submit ratio', n(r.submit.ratio, 2), 'submit.ratio');
	row('submit errors', `${n(r.submit.errors)} of ${n(r.submit.requests)}`, 'submit.errors');
	row(`write limit rps / p99 ms (${r.writeLimit.connections} connections)`, `${n(r.writeLimit.rps)} / ${n(r.writeLimit.p99Ms, 1)}`);
	row('submit limit ratio (submit / write limit)', n(r.submit.limitRatio, 2), 'submit.limitRatio');
	for (const [name, sides] of Object.entries(r.cpu))
		row(
			`cores used in ${name}: load side / server / database / machine`,
			`${n(sides.loadCores, 2)} / ${n(sides.serverCores, 2)} / ${sides.databaseCores === null ? '—' : n(sides.databaseCores, 2)} / ${n(sides.machineCores, 2)}`
		);
	row(`confirm ${r.confirm.requests} at once: s / per s`, `${n(r.confirm.seconds, 2)} / ${n(r.confirm.perSecond)}`);
	row('confirm succeeded', n(r.confirm.succeeded), 'confirm.succeeded');
	row('confirm 409', n(r.confirm.conflicts), 'confirm.conflicts');
	row('confirm overbooked', n(r.confirm.overbooked), 'confirm.overbooked');
	row(`storm drain s (${r.storm.devices} × ${r.storm.perDevice})`, n(r.storm.seconds, 2), 'storm.seconds');
	row('storm rows', n(r.storm.rows), 'storm.rows');
	row('storm duplicates', n(r.storm.duplicates), 'storm.duplicates');
	if (r.growth) {
		const g = r.growth;
		row(`growth p99 ms at ${count(g.rowsSmall)} / ${count(g.rowsLarge)}`, `${n(g.p99Ms10k, 2)} / ${n(g.p99Ms1M, 2)}`);
		row('growth ratio', n(g.ratio, 2), 'growth.ratio');
		if (g.reportP99Ms1M !== undefined)
			row(`report p99 ms at ${count(g.rowsSmall)} / ${count(g.rowsLarge)}`, `${n(g.reportP99Ms10k ?? NaN, 1)} / ${n(g.reportP99Ms1M, 1)}`);
	}
	if (r.client) {
		row('client JS gzip KB, to the first page', n(r.client.jsGzipKB, 1), 'client.jsGzipKB');
		row('client JS gzip KB, whole first visit', n(r.client.allJsGzipKB, 1));
		row('client CSS gzip KB', n(r.client.cssGzipKB, 1), 'client.cssGzipKB');
		row('client offline open ms (median of 5)', n(r.client.offlineOpenMs), 'client.offlineOpenMs');
		row('client first page JS gzip KB, en / cy', `${n(r.client.languages.en.jsGzipKB, 1)} / ${n(r.client.languages.cy.jsGzipKB, 1)}`);
		row('first visit on the wire KB: JS', n(r.client.wire.jsKB, 1), 'client.wire.jsKB');
		row('first visit on the wire KB: CSS', n(r.client.wire.cssKB, 1), 'client.wire.cssKB');
		row(`first visit on the wire KB: all (${r.client.wire.files} files)`, n(r.client.wire.allKB, 1));
		row('text files sent uncompressed', n(r.client.wire.uncompressed.length), 'client.wire.uncompressed');
	}
	if (r.lighthouse) {
		for (const [name, page] of Object.entries(r.lighthouse.pages)) {
			const s = page.scores;
			row(
				`lighthouse ${name} (perf / a11y / bp / seo)`,
				[s.performance, s.accessibility, s.bestPractices, s.seo].map((v) => n(v, 2)).join(' / ')
			);
		}
		for (const category of ['performance', 'accessibility', 'bestPractices', 'seo'])
			row(`lighthouse lowest ${category}`, n(r.lighthouse.lowest[category as 'seo'], 2), `lighthouse.${category}`);
	}
	row('server RSS MB', n(r.server.rssMB));

	const widths = [0, 1, 2].map((i) => Math.max(...rows.map((cells) => cells[i]!.length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => cell.padEnd(widths[i]!))
			.join('  ')
			.trimEnd();
	const out = [
		`${r.meta.smoke ? 'Smoke run (tiny; figures mean nothing) ' : 'Bench '}on ${r.meta.database}, ${r.meta.cpus} cores, load average ${r.meta.loadAverage.start.toFixed(1)} → ${r.meta.loadAverage.end.toFixed(1)}, ${r.meta.totalSeconds.toFixed(0)} s`,
		line(['figure', 'value', 'goal']),
		line(widths.map((w) => '-'.repeat(w))),
		...rows.map(line)
	];
	const missed = r.goals.filter((g) => !g.met);
	out.push('', missed.length === 0 ? 'Every goal met.' : 'Missed:');
	for (const g of missed) out.push(`  ${g.key} = ${n(g.value, 2)} (goal ${g.goal}): ${g.limitedBy}`);
	return out.join('\n');
}
