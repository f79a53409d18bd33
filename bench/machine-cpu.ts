// CPU counters of the machine and of the PostgreSQL server on it, from /proc: with the
// bench's own sides (load worker, API server) they say where the two cores went in a run, so a
// miss can be named by what used the CPU rather than guessed.
import { readdir, readFile } from 'node:fs/promises';

/** Linux's USER_HZ: /proc's CPU counters are in hundredths of a second. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) of one process, all its threads, from /proc/<pid>/stat. */
export async function cpuSecondsOf(pid: number | string): Promise<number> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
	// The command name (field 2) is in parentheses and may hold spaces: count fields after it.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds of each PostgreSQL process at one moment, by process id. */
export type PostgresCpu = Map<string, number>;

/**
 * CPU seconds of every PostgreSQL process on this machine (postmaster, backends, WAL writer,
 * checkpointer…), by process id, or null when the database is not on this machine (its host is
 * not loopback).
 */
export async function postgresCpu(databaseUrl: string | undefined): Promise<PostgresCpu | null> {
	if (!databaseUrl || !isLocal(databaseUrl)) return null;
	const processes: PostgresCpu = new Map();
	for (const entry of await readdir('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if ((await readFile(`/proc/${entry}/comm`, 'utf8')).trim() !== 'postgres') continue;
			processes.set(entry, await cpuSecondsOf(entry));
		} catch {
			// The process ended while we looked: nothing to count.
		}
	}
	return processes;
}

/**
 * The CPU seconds PostgreSQL used between two readings: each process's growth, all of a process
 * that started in between, and nothing of one that ended in between (its seconds are gone with
 * it, so a figure is a lower bound; the bench's own connections live for the whole run).
 */
export function postgresCpuBetween(before: PostgresCpu, after: PostgresCpu): number {
	let used = 0;
	for (const [pid, seconds] of after) used += Math.max(0, seconds - (before.get(pid) ?? 0));
	return used;
}

/** CPU seconds every core of the machine spent busy (not idle, not waiting for I/O), from /proc/stat. */
export async function machineBusySeconds(): Promise<number> {
	const first = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0]!;
	const ticks = first.trim().split(/\s+/).slice(1).map(Number);
	const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
	return (ticks.reduce((sum, t) => sum + t, 0) - idle) / TICKS_PER_SECOND;
}

function isLocal(databaseUrl: string): boolean {
	try {
		const host = new URL(databaseUrl).hostname;
		return host === '' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
	} catch {
		return false;
	}
}
