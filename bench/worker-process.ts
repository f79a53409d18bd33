// A bench worker: a child process that runs load for the bench (the load generator, the storm's
// device engines, the bare write-limit client), so none of them shares an event loop with another,
// with the server it measures or with the bench's bookkeeping. The parent (worker-client.ts)
// asks over IPC: `define` makes a load run from a named export of a bench module, `run` runs it,
// `call` calls an export once. Every answer carries the CPU this process used meanwhile.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { LoadRun } from './side-by-side';
import type { WorkerAnswer, WorkerAsk } from './worker-client';

const ROOT = path.resolve(import.meta.dirname, '..');
const runs = new Map<string, LoadRun>();

async function exportOf(module: string, name: string): Promise<(...args: unknown[]) => unknown> {
	const loaded = (await import(pathToFileURL(path.join(ROOT, module)).href)) as Record<string, unknown>;
	const value = loaded[name];
	if (typeof value !== 'function') throw new Error(`${module} has no function ${name}`);
	return value as (...args: unknown[]) => unknown;
}

async function answer(ask: WorkerAsk): Promise<unknown> {
	switch (ask.type) {
		case 'define': {
			let made = await (await exportOf(ask.module, ask.export))(...ask.args);
			if (ask.pick) made = (made as Record<string, unknown>)[ask.pick];
			if (typeof made !== 'function') throw new Error(`${ask.module} ${ask.export} did not make a load run`);
			runs.set(ask.name, made as LoadRun);
			return null;
		}
		case 'run': {
			const run = runs.get(ask.name);
			if (!run) throw new Error(`no load run ${ask.name}`);
			return run(ask.seconds, ask.warmupSeconds);
		}
		case 'call':
			return (await exportOf(ask.module, ask.export))(...ask.args);
	}
}

process.on('message', (ask: WorkerAsk & { id: number }) => {
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	answer(ask).then(
		(value) => reply({ id: ask.id, ok: true, value, cpu: cpuSince(cpuBefore, started) }),
		(error: unknown) =>
			reply({
				id: ask.id,
				ok: false,
				error: error instanceof Error ? (error.stack ?? error.message) : String(error),
				cpu: cpuSince(cpuBefore, started)
			})
	);
});

function cpuSince(before: NodeJS.CpuUsage, started: number): WorkerAnswer['cpu'] {
	const used = process.cpuUsage(before);
	const wallSeconds = (performance.now() - started) / 1000;
	const seconds = (used.user + used.system) / 1e6;
	return { seconds, wallSeconds, cores: wallSeconds > 0 ? seconds / wallSeconds : 0 };
}

function reply(message: WorkerAnswer): void {
	process.send?.(message);
}

process.send?.({ id: 0, ok: true, value: 'ready', cpu: { seconds: 0, wallSeconds: 0, cores: 0 } } satisfies WorkerAnswer);
