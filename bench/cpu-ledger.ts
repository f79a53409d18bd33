// How much of the machine's cores each side of a measured run used: the load side (the
// load generator, the storm's phones or the bare write-limit client, each a bench worker reporting
// its own process.cpuUsage), the API server and, when it runs on this machine, PostgreSQL (their
// /proc counters), and the whole machine (/proc/stat). Cores = CPU seconds over wall-clock
// seconds; on 2 cores, 2.0 is all of them. What the machine used beyond the sides went to the
// control server, the kernel's own work, or other jobs on the machine.
import type { Child } from './children';
import { machineBusySeconds, postgresCpu, postgresCpuBetween, type PostgresCpu } from './machine-cpu';
import type { LoadRun } from './side-by-side';
import type { BenchWorker, CpuUse } from './worker-client';

export interface SidesCpu {
	/** Cores the load side used, mean over the runs. */
	loadCores: number;
	/** Cores the API server used over the same runs (≈ 0 for the control and the write limit, which do not touch it). */
	serverCores: number;
	/** Cores every PostgreSQL process used; null on PGlite (inside the API server, or the write limit's worker) or a remote server. */
	databaseCores: number | null;
	/** Cores the whole machine was busy, whoever used them. */
	machineCores: number;
}

interface Reading {
	at: number;
	server: number;
	database: PostgresCpu | null;
	machine: number;
}

type Samples = { [K in keyof SidesCpu]: number[] };

export class CpuLedger {
	readonly #server: Child;
	readonly #loader: BenchWorker;
	readonly #databaseUrl: string | undefined;
	readonly #runs = new Map<string, Samples>();

	constructor(server: Child, loader: BenchWorker, databaseUrl: string | undefined) {
		this.#server = server;
		this.#loader = loader;
		this.#databaseUrl = databaseUrl;
	}

	async #read(): Promise<Reading> {
		const [server, database, machine] = await Promise.all([
			this.#server.cpuSeconds(),
			postgresCpu(this.#databaseUrl),
			machineBusySeconds()
		]);
		return { at: performance.now(), server, database, machine };
	}

	/** The cores each side used between two readings, the load side's as its worker measured them. */
	#between(before: Reading, after: Reading, loadCores: number, wallSeconds?: number): SidesCpu {
		const wall = wallSeconds ?? (after.at - before.at) / 1000;
		const cores = (seconds: number) => (wall > 0 ? seconds / wall : 0);
		return {
			loadCores,
			serverCores: cores(after.server - before.server),
			databaseCores:
				before.database === null || after.database === null ? null : cores(postgresCpuBetween(before.database, after.database)),
			machineCores: cores(after.machine - before.machine)
		};
	}

	/** The same load run, noting every side's CPU each time it runs. */
	watch(name: string, run: LoadRun): LoadRun {
		return async (seconds, warmupSeconds) => {
			const before = await this.#read();
			const figures = await run(seconds, warmupSeconds);
			const sides = this.#between(before, await this.#read(), this.#loader.lastCpu.get(name)?.cores ?? NaN);
			const entry = this.#runs.get(name) ?? { loadCores: [], serverCores: [], databaseCores: [], machineCores: [] };
			for (const key of Object.keys(entry) as (keyof SidesCpu)[]) entry[key].push(sides[key] ?? NaN);
			this.#runs.set(name, entry);
			return figures;
		};
	}

	/** A bench worker's call, with the cores it and every other side used meanwhile. */
	async during<T>(call: () => Promise<{ value: T; cpu: CpuUse }>): Promise<{ value: T; cpu: SidesCpu }> {
		const before = await this.#read();
		const { value, cpu } = await call();
		const sides = this.#between(before, await this.#read(), cpu.cores, cpu.wallSeconds);
		return { value, cpu: rounded(sides) };
	}

	summary(): Record<string, SidesCpu> {
		return Object.fromEntries(
			[...this.#runs].map(([name, samples]) => [
				name,
				rounded({
					loadCores: mean(samples.loadCores),
					serverCores: mean(samples.serverCores),
					databaseCores: samples.databaseCores.some(Number.isNaN) ? null : mean(samples.databaseCores),
					machineCores: mean(samples.machineCores)
				})
			])
		);
	}
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const round = (value: number) => Math.round(value * 100) / 100;
const rounded = (sides: SidesCpu): SidesCpu => ({
	loadCores: round(sides.loadCores),
	serverCores: round(sides.serverCores),
	databaseCores: sides.databaseCores === null ? null : round(sides.databaseCores),
	machineCores: round(sides.machineCores)
});
