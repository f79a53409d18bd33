// The parent's side of a bench worker (worker-process.ts): starts it with `node --import tsx` and
// turns its answers into promises. Each answer says how much CPU the worker used for it.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LoadFigures } from './load';
import type { LoadRun } from './side-by-side';

const ROOT = path.resolve(import.meta.dirname, '..');

export type WorkerAsk =
	| { type: 'define'; name: string; module: string; export: string; args: unknown[]; pick?: string }
	| { type: 'run'; name: string; seconds: number; warmupSeconds: number }
	| { type: 'call'; module: string; export: string; args: unknown[] };

/** CPU seconds the worker used (user + system), over the wall-clock seconds; cores = the one over the other. */
export interface CpuUse {
	seconds: number;
	wallSeconds: number;
	cores: number;
}

export type WorkerAnswer = { id: number; cpu: CpuUse } & ({ ok: true; value: unknown } | { ok: false; error: string });

export interface BenchWorker {
	pid: number;
	/** A load run made in the worker from `module`'s `exportName(...args)` (its `pick` key, for an object of runs). */
	define(name: string, module: string, exportName: string, args: unknown[], pick?: string): Promise<LoadRun>;
	/** Calls `module`'s `exportName(...args)` in the worker. */
	call<T>(module: string, exportName: string, args: unknown[]): Promise<{ value: T; cpu: CpuUse }>;
	/** CPU of the last load run of each name. */
	lastCpu: Map<string, CpuUse>;
	stop(): Promise<void>;
}

export async function startWorker(label: string): Promise<BenchWorker> {
	const child: ChildProcess = fork(path.join(ROOT, 'bench', 'worker-process.ts'), [], {
		cwd: ROOT,
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const waiting = new Map<number, (answer: WorkerAnswer) => void>();
	let ready!: () => void;
	const started = new Promise<void>((resolve) => (ready = resolve));
	child.on('message', (answer: WorkerAnswer) => {
		if (answer.id === 0) return ready();
		waiting.get(answer.id)?.(answer);
		waiting.delete(answer.id);
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	void exited.then(() => {
		for (const settle of waiting.values())
			settle({ id: -1, ok: false, error: `bench worker ${label} exited`, cpu: { seconds: 0, wallSeconds: 0, cores: 0 } });
	});
	await Promise.race([started, exited.then(() => Promise.reject(new Error(`bench worker ${label} exited before it was ready`)))]);

	let next = 1;
	async function ask(message: WorkerAsk): Promise<{ value: unknown; cpu: CpuUse }> {
		const id = next++;
		const answer = await new Promise<WorkerAnswer>((resolve) => {
			waiting.set(id, resolve);
			child.send({ ...message, id });
		});
		if (!answer.ok) throw new Error(`bench worker ${label}: ${answer.error}`);
		return { value: answer.value, cpu: answer.cpu };
	}

	const lastCpu = new Map<string, CpuUse>();
	return {
		pid: child.pid!,
		lastCpu,
		async define(name, module, exportName, args, pick) {
			await ask({ type: 'define', name, module, export: exportName, args, ...(pick ? { pick } : {}) });
			return async (seconds, warmupSeconds) => {
				const { value, cpu } = await ask({ type: 'run', name, seconds, warmupSeconds });
				lastCpu.set(name, cpu);
				return value as LoadFigures;
			};
		},
		async call<T>(module: string, exportName: string, args: unknown[]) {
			const { value, cpu } = await ask({ type: 'call', module, export: exportName, args });
			return { value: value as T, cpu };
		},
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		}
	};
}
