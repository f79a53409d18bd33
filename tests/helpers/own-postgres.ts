// A PostgreSQL server of a test's own: initdb into a temporary folder and pg_ctl on a free port,
// so a test can stop and start a real server without touching the machine's shared one (other
// tests and other people's runs use that one at the same moment).
//
// initdb refuses to run as root, so as root the folder is given to the `postgres` user and the
// binaries run through `runuser -u postgres`; as anyone else they run as that user.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process';

const INSTALL_ROOT = '/usr/lib/postgresql';

export interface OwnPostgres {
	/** postgres://postgres@127.0.0.1:PORT/postgres (trust auth: it only listens on loopback). */
	url: string;
	port: number;
	/** A fast shutdown (pg_ctl stop -m fast): open connections are cut, new ones refused. */
	stop(): Promise<void>;
	/** Starts it again on the same port and waits until it accepts connections. */
	start(): Promise<void>;
	/** Stops it (if running) and deletes its folder. */
	dispose(): void;
}

/** The newest installed version's bin folder with initdb and pg_ctl, or null when there is none. */
export function postgresBinaries(): string | null {
	if (!existsSync(INSTALL_ROOT)) return null;
	const versions = readdirSync(INSTALL_ROOT)
		.filter((v) => existsSync(join(INSTALL_ROOT, v, 'bin', 'initdb')) && existsSync(join(INSTALL_ROOT, v, 'bin', 'pg_ctl')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? join(INSTALL_ROOT, versions[0], 'bin') : null;
}

/** The `postgres` user's uid and gid, to hand it the folder when we are root. */
function postgresUser(): { uid: number; gid: number } {
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
	const bin = postgresBinaries();
	if (!bin) throw new Error(`no PostgreSQL binaries under ${INSTALL_ROOT}`);
	const asRoot = process.getuid?.() === 0;
	const dir = mkdtempSync(join(tmpdir(), 'bpv-own-pg-'));
	if (asRoot) {
		const { uid, gid } = postgresUser();
		chownSync(dir, uid, gid);
	}
	const command = (program: string, args: string[]): [string, string[]] =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
	// Not the Sync form while the test runs: the clients in this process keep going meanwhile.
	const run = async (program: string, args: string[]) => {
		await promisify(execFile)(...command(program, args));
	};
	const data = join(dir, 'data');
	const port = await freePort();
	// No fsync: the test stops the server cleanly; it is not about surviving power loss.
	await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
	const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
	let running = false;
	const start = async () => {
		// -w waits until it accepts connections.
		await run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', serverOptions, 'start']);
		running = true;
	};
	const stop = async () => {
		await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
		running = false;
	};
	try {
		await start();
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		port,
		stop,
		start,
		dispose: () => {
			if (running) {
				try {
					execFileSync(...command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
				} catch {
					// Already gone: nothing to stop.
				}
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
