// The real `npm start` server as a child process, for tests that kill it (SIGKILL) and start it
// again on the same database. Run with node's tsx loader directly, not the `tsx` CLI: the CLI is
// a parent process, and SIGKILL to it would leave the server running underneath.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
	url: string;
	port: number;
	child: ChildProcess;
	/** Everything the process wrote, stdout and stderr together. */
	output(): string;
	/** SIGKILL: no shutdown code runs, as when the machine or the container dies. */
	kill(): Promise<void>;
	/** SIGTERM and wait for exit. */
	stop(): Promise<void>;
}

/** A port that was free a moment ago, so a restarted server can listen on the same one. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

export async function startServerProcess(options: {
	port: number;
	env: Record<string, string>;
	/** How long start-up may take (a new PGlite data folder runs initdb: seconds). */
	timeoutMs?: number;
}): Promise<ServerProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			HOST: '127.0.0.1',
			PORT: String(options.port),
			SEED: 'none',
			LOG_LEVEL: 'warn',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const url = `http://127.0.0.1:${options.port}`;

	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start:\n${output}`);
		try {
			const response = await fetch(`${url}/api/health`);
			if (response.ok) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server did not start in time:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}

	return {
		url,
		port: options.port,
		child,
		output: () => output,
		async kill() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		},
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}
