// The processes the bench measures, each in its own child process so the load generator (this
// process) never shares their event loop: the API server as `npm start` runs it, and the control.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { cpuSecondsOf } from './machine-cpu';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface Child {
	url: string;
	pid: number;
	/** Resident memory now, from /proc (Linux), in MB. */
	rssMB(): Promise<number>;
	/** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
	cpuSeconds(): Promise<number>;
	stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/**
 * Runs `node --import tsx script` (not the tsx CLI, which would put a wrapper process between us
 * and the server and hide its memory) and waits until readyPath answers 200.
 */
export async function startChild(script: string, env: Record<string, string>, readyPath: string, nodeArgs: string[] = []): Promise<Child> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
		cwd: ROOT,
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	const keep = (chunk: Buffer) => {
		output.push(chunk.toString());
		if (output.length > 200) output.shift();
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);

	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output.join('')}`);
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`${script} did not answer ${readyPath} within 2 minutes:\n${output.join('')}`);
		}
		try {
			const response = await fetch(url + readyPath);
			if (response.ok) break;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}

	return {
		url,
		pid: child.pid!,
		rssMB: () => residentMB(child),
		cpuSeconds: () => cpuSecondsOf(child.pid!),
		stop: async () => {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		}
	};
}

async function residentMB(child: ChildProcess): Promise<number> {
	const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
	return kb / 1024;
}
