// How much of the machine's cores each side of a measured run used (issue #17): the load side (the
// load generator, the storm's phones or the bare write-limit client, each a bench worker reporting
// its own process.cpuUsage) and the API server (its /proc counters). Cores = CPU seconds over
// wall-clock seconds; on 2 cores, 2.0 is all of them. What neither side used went to PostgreSQL,
// the control server, other jobs on the machine, or idle.
import type { Child } from './children';
import type { LoadRun } from './side-by-side';
import type { BenchWorker, CpuUse } from './worker-client';

export interface SidesCpu {
	/** Cores the load side used, mean over the runs. */
	loadCores: number;
	/** Cores the API server used over the same runs (≈ 0 for the control and the write limit, which do not touch it). */
	serverCores: number;
}

export class CpuLedger {
	readonly #server: Child;
	readonly #loader: BenchWorker;
	readonly #runs = new Map<string, { load: number[]; server: number[] }>();

	constructor(server: Child, loader: BenchWorker) {
		this.#server = server;
		this.#loader = loader;
	}

	/** The same load run, noting both sides' CPU each time it runs. */
	watch(name: string, run: LoadRun): LoadRun {
		return async (seconds, warmupSeconds) => {
			const serverBefore = await this.#server.cpuSeconds();
			const started = performance.now();
			const figures = await run(seconds, warmupSeconds);
			const wall = (performance.now() - started) / 1000;
			const serverUsed = (await this.#server.cpuSeconds()) - serverBefore;
			const entry = this.#runs.get(name) ?? { load: [], server: [] };
			entry.load.push(this.#loader.lastCpu.get(name)?.cores ?? NaN);
			entry.server.push(serverUsed / wall);
			this.#runs.set(name, entry);
			return figures;
		};
	}

	/** A bench worker's call, with the cores it and the server used meanwhile. */
	async during<T>(call: () => Promise<{ value: T; cpu: CpuUse }>): Promise<{ value: T; cpu: SidesCpu }> {
		const serverBefore = await this.#server.cpuSeconds();
		const { value, cpu } = await call();
		const serverUsed = (await this.#server.cpuSeconds()) - serverBefore;
		return { value, cpu: { loadCores: round(cpu.cores), serverCores: round(cpu.wallSeconds > 0 ? serverUsed / cpu.wallSeconds : 0) } };
	}

	summary(): Record<string, SidesCpu> {
		return Object.fromEntries(
			[...this.#runs].map(([name, { load, server }]) => [name, { loadCores: round(mean(load)), serverCores: round(mean(server)) }])
		);
	}
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const round = (value: number) => Math.round(value * 100) / 100;
