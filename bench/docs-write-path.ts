// Writes the write-path figures of a full bench run into docs/performance.md, between the marker
// comments of its database (`<!-- bench:write-path:pglite:start -->` … `:end -->`), so the docs
// always show the latest run on each database. A smoke run writes nothing.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Results } from './report';

const n = (value: number | undefined, digits = 0) =>
	value === undefined || !Number.isFinite(value)
		? '—'
		: value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const list = (values: number[], digits: number) => values.map((v) => n(v, digits)).join(', ');

export function writePathTable(r: Results): string {
	const goal = (key: string) => {
		const found = r.goals.find((g) => g.key === key);
		return found ? `${found.goal}, ${found.met ? 'met' : '**missed**'}` : '';
	};
	const database = r.meta.database === 'postgres' ? 'PostgreSQL' : 'PostgreSQL (in the server)';
	const cpuRow = (name: string, label: string) => {
		const sides = r.cpu[name];
		return sides
			? `| cores used in ${label}: load side / API server / ${database} / whole machine | ${n(sides.loadCores, 2)} / ${n(sides.serverCores, 2)} / ${sides.databaseCores === null ? '—' : n(sides.databaseCores, 2)} / ${n(sides.machineCores, 2)} | |`
			: null;
	};
	const perOne = (cores: number | null | undefined, rps: number) =>
		cores === null || cores === undefined || rps <= 0 ? '—' : n((cores / rps) * 1000, 2);
	const submitCpu = r.cpu.submit;
	const limitCpu = r.cpu.writeLimit;
	return [
		`Run of ${r.meta.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${r.meta.database}, ${r.meta.cpus} cores, load average ${n(r.meta.loadAverage.start, 1)} → ${n(r.meta.loadAverage.end, 1)}, ${n(r.meta.totalSeconds)} s in all.`,
		'',
		'| figure | value | goal |',
		'| --- | --- | --- |',
		`| control.rps (bare route) | ${n(r.control.rps)} | |`,
		`| submit.rps / p50 / p99 ms | ${n(r.submit.rps)} / ${n(r.submit.p50Ms)} / ${n(r.submit.p99Ms)} | |`,
		`| writeLimit.rps / p99 ms (${r.writeLimit.connections} connection${r.writeLimit.connections === 1 ? '' : 's'}) | ${n(r.writeLimit.rps)} / ${n(r.writeLimit.p99Ms)} (rounds ${list(r.writeLimit.roundRps, 0)}) | |`,
		`| **submit.limitRatio** (submit / write limit) | **${n(r.submit.limitRatio, 2)}** (rounds ${list(r.submit.limitRoundRatios, 2)}) | ${goal('submit.limitRatio')} |`,
		`| submit.ratio (submit / bare route) | ${n(r.submit.ratio, 3)} (rounds ${list(r.submit.roundRatios, 3)}) | ${goal('submit.ratio')} |`,
		`| submit.errors | ${n(r.submit.errors)} of ${n(r.submit.requests)} | ${goal('submit.errors')} |`,
		`| confirm: seconds / confirms per s | ${n(r.confirm.seconds, 2)} / ${n(r.confirm.perSecond)} | |`,
		`| confirm succeeded / 409 / overbooked | ${r.confirm.succeeded} / ${r.confirm.conflicts} / ${r.confirm.overbooked} | ${r.confirm.requests / 2} / ${r.confirm.requests / 2} / 0 |`,
		`| **storm.seconds** | **${n(r.storm.seconds, 1)}** (${n((r.storm.rows || 0) / r.storm.seconds)} stored/s, ${r.storm.retries} retries) | ${goal('storm.seconds')} |`,
		`| storm rows / duplicates / undrained | ${n(r.storm.rows)} / ${r.storm.duplicates} / ${r.storm.undrained} | ${r.storm.devices * r.storm.perDevice} / 0 / 0 |`,
		submitCpu
			? `| CPU ms per submit: API server / PostgreSQL | ${perOne(submitCpu.serverCores, r.submit.rps)} / ${perOne(submitCpu.databaseCores, r.submit.rps)} | |`
			: null,
		limitCpu
			? `| CPU ms per write-limit transaction: bare client / PostgreSQL | ${perOne(limitCpu.loadCores, r.writeLimit.rps)} / ${perOne(limitCpu.databaseCores, r.writeLimit.rps)} | |`
			: null,
		cpuRow('submit', 'submit runs'),
		cpuRow('writeLimit', 'write-limit runs'),
		cpuRow('control', 'control runs'),
		cpuRow('calendar', 'calendar runs'),
		cpuRow('storm', 'the storm')
	]
		.filter((line) => line !== null)
		.join('\n');
}

/** Replaces the block between this database's markers; leaves the file alone when they are missing. */
export async function writeIntoDocs(root: string, results: Results): Promise<boolean> {
	if (results.meta.smoke) return false;
	const file = path.join(root, 'docs', 'performance.md');
	const text = await readFile(file, 'utf8');
	const start = `<!-- bench:write-path:${results.meta.database}:start -->`;
	const end = `<!-- bench:write-path:${results.meta.database}:end -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) return false;
	await writeFile(file, `${text.slice(0, from + start.length)}\n${writePathTable(results)}\n${text.slice(to)}`);
	return true;
}
