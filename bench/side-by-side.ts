// Ratios to the control, measured side by side. On a shared machine the capacity left for the bench
// changes from one second to the next (other jobs start and stop), so a single control run and a
// single server run taken a minute apart can differ by 2× for no reason of ours. Here every measured
// run sits between two control runs, over several rounds, and the ratio is the median of each run's
// rps over the mean of the controls either side of it.
import type { LoadFigures } from './load';

export type LoadRun = (seconds: number, warmupSeconds: number) => Promise<LoadFigures>;

export interface SideBySide {
	/** Pooled over the rounds: rps is the mean, p50/p99 the median of the rounds' values. */
	figures: LoadFigures;
	/** Median over the rounds of rps / (mean of the control runs either side). */
	ratio: number;
	rounds: { rps: number; controlRps: number; ratio: number }[];
}

export interface SideBySideResult<K extends string> {
	control: { rps: number; runsRps: number[] };
	subjects: Record<K, SideBySide>;
}

export async function sideBySide<K extends string>(
	control: LoadRun,
	subjects: Record<K, LoadRun>,
	options: { rounds: number; seconds: number; warmupSeconds: number; onRun?: (name: string) => void }
): Promise<SideBySideResult<K>> {
	const { rounds, seconds, warmupSeconds } = options;
	const names = Object.keys(subjects) as K[];
	const controls: number[] = [];
	const runs = new Map<K, { figures: LoadFigures; before: number; after: number }[]>(names.map((name) => [name, []]));

	options.onRun?.('control');
	controls.push((await control(seconds, warmupSeconds)).rps);
	for (let round = 0; round < rounds; round += 1) {
		for (const name of names) {
			options.onRun?.(name);
			const figures = await subjects[name](seconds, round === 0 ? warmupSeconds : 0);
			options.onRun?.('control');
			controls.push((await control(seconds, 0)).rps);
			runs.get(name)!.push({ figures, before: controls.at(-2)!, after: controls.at(-1)! });
		}
	}

	const result = {} as Record<K, SideBySide>;
	for (const name of names) {
		const measured = runs.get(name)!;
		const roundFigures = measured.map(({ figures, before, after }) => {
			const controlRps = (before + after) / 2;
			return { rps: figures.rps, controlRps, ratio: figures.rps / controlRps };
		});
		result[name] = { figures: pool(measured.map((m) => m.figures)), ratio: median(roundFigures.map((r) => r.ratio)), rounds: roundFigures };
	}
	return { control: { rps: mean(controls), runsRps: controls }, subjects: result };
}

function pool(runs: LoadFigures[]): LoadFigures {
	const statuses: Record<string, number> = {};
	for (const run of runs) for (const [code, count] of Object.entries(run.statuses)) statuses[code] = (statuses[code] ?? 0) + count;
	return {
		rps: mean(runs.map((r) => r.rps)),
		p50Ms: median(runs.map((r) => r.p50Ms)),
		p99Ms: median(runs.map((r) => r.p99Ms)),
		requests: runs.reduce((sum, r) => sum + r.requests, 0),
		errors: runs.reduce((sum, r) => sum + r.errors, 0),
		statuses
	};
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
