// `npm run bench` is not part of the suite (it takes minutes); this runs the same script in its tiny
// smoke configuration to show that it starts, drives every server scenario and writes its results.
// It checks correctness figures only (what succeeded, what was stored), never how fast anything was.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import type { Results } from '../bench/report';

const ROOT = path.resolve(import.meta.dirname, '..');
let folder: string | undefined;

afterAll(async () => {
	if (folder) await rm(folder, { recursive: true, force: true });
});

function runBench(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
			cwd: ROOT,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('error', reject);
		child.once('exit', (code) => resolve({ code, output }));
	});
}

it('runs the bench end to end in its smoke configuration and writes every server figure', async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'bpv-bench-smoke-'));
	const resultsPath = path.join(folder, 'results.json');
	// The suite's migrated PGlite template spares the bench an initdb (empty on PostgreSQL).
	const { code, output } = await runBench({
		BENCH_SMOKE: '1',
		BENCH_RESULTS: resultsPath,
		BENCH_PGLITE_TEMPLATE: inject('pgliteTemplate')
	});
	expect(code, output).toBe(0);
	expect(output).toContain('Smoke run');

	const results = JSON.parse(await readFile(resultsPath, 'utf8')) as Results;
	expect(results.meta.smoke).toBe(true);
	expect(results.meta.database).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
	for (const figure of [results.control.rps, results.calendar.rps, results.calendar.ratio, results.submit.rps, results.server.rssMB]) {
		expect(figure).toBeGreaterThan(0);
	}
	expect(results.calendar.errors).toBe(0);
	expect(results.submit.errors).toBe(0);
	expect(results.confirm.succeeded).toBe(results.confirm.requests / 2);
	expect(results.confirm.conflicts).toBe(results.confirm.requests / 2);
	expect(results.confirm.overbooked).toBe(0);
	expect(results.storm.rows).toBe(results.storm.devices * results.storm.perDevice);
	expect(results.storm.duplicates).toBe(0);
	// Who used the cores in a submit run: the API server and the machine always, PostgreSQL's own
	// processes when it runs on this machine (on PGlite it is inside the server).
	const submitCpu = results.cpu.submit!;
	expect(submitCpu.serverCores).toBeGreaterThan(0);
	// (Read a few milliseconds apart: a tick of slack.)
	expect(submitCpu.machineCores).toBeGreaterThan(submitCpu.serverCores - 0.1);
	if (process.env.DATABASE_URL) expect(submitCpu.databaseCores).toBeGreaterThan(0);
	else expect(submitCpu.databaseCores).toBeNull();
	// 3 minutes: the bench now also starts two worker processes (the load generator and the storm's phones) and a bare
	// PGlite for the write limit, and the machine is shared by up to eight suites.
}, 180_000);
