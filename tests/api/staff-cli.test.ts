// `npm run staff -- add …` creates an officer with a password read from standard input: never
// from the command line, where shell history and the process list would keep it.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { verifyPassword } from '../../server/auth/passwords';
import { openDatabase, type OpenDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import { createTestDatabase, seedTestPrison, type TestDatabase } from '../helpers/test-database';

/** Where the CLI finds the database: a PostgreSQL database of its own, or a PGlite folder. */
let env: Record<string, string>;
let reopen: () => Promise<OpenDatabase>;
let cleanUp: () => Promise<void>;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
	if (process.env.DATABASE_URL) {
		const database: TestDatabase = await createTestDatabase();
		await seedTestPrison(database.db, { code: 'CLI' });
		env = { DATABASE_URL: database.url! };
		reopen = async () => ({ ...database, close: async () => {} });
		cleanUp = () => database.close();
	} else {
		const dir = await mkdtemp(join(tmpdir(), 'bpv-cli-'));
		const template = inject('pgliteTemplate');
		const seeded = await openDatabase({ dataDir: dir, ...(template ? { loadDataDir: new Blob([await readFile(template)]) } : {}) });
		await migrateToLatest(seeded.db);
		await seedTestPrison(seeded.db, { code: 'CLI' });
		// PGlite has one writer: the CLI opens the folder once this process has let go of it.
		await seeded.close();
		env = { DATA_DIR: dir };
		reopen = () => openDatabase({ dataDir: dir });
		cleanUp = () => rm(dir, { recursive: true, force: true });
	}
});
afterAll(async () => {
	await cleanUp?.();
});

function runCli(args: string[], stdin: string): Promise<{ code: number | null; output: string }> {
	const { DATABASE_URL: _ignored, ...inherited } = process.env;
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/staff.ts', ...args], {
		env: { ...inherited, LOG_LEVEL: 'silent', ...env },
		stdio: ['pipe', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stdin.end(stdin);
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

it('reads the password from standard input and never echoes it', async () => {
	const added = await runCli(['add', '--email', 'New.Officer@Prison.example', '--name', 'New Officer', '--prison', 'cli'], `${PASSWORD}\n`);
	expect(added.output).toContain(t('platform.cli.added', { email: 'new.officer@prison.example', prisons: 'CLI' }));
	expect(added.output).not.toContain(PASSWORD);
	expect(added.code).toBe(0);

	const refused = await runCli(
		['add', '--email', 'argv@prison.example', '--name', 'Argv Officer', '--prison', 'CLI', '--password', PASSWORD],
		''
	);
	expect(refused.code).toBe(1);
	expect(refused.output).toContain(t('platform.cli.usage').split('\n')[0]);

	// The first administrator made here, with no service administrator yet, is one; the next is an administrator of their prisons.
	const admins: [string, string[], MessageKey][] = [
		['first.admin@prison.example', ['--admin'], 'platform.cli.addedServiceAdmin'],
		['second.admin@prison.example', ['--admin'], 'platform.cli.addedAdmin'],
		['another.service@prison.example', ['--service-admin'], 'platform.cli.addedServiceAdmin']
	];
	for (const [email, flags, said] of admins) {
		const added = await runCli(['add', '--email', email, '--name', 'An Admin', '--prison', 'CLI', ...flags], `${PASSWORD}\n`);
		expect(added.code, email).toBe(0);
		expect(added.output).toContain(t(said, { email, prisons: 'CLI' }));
	}
	const promoted = await runCli(['service-admin', '--email', 'New.Officer@prison.example'], '');
	expect(promoted.code).toBe(0);
	expect(promoted.output).toContain(t('platform.cli.madeServiceAdmin', { email: 'new.officer@prison.example' }));
	const nobody = await runCli(['service-admin', '--email', 'nobody@prison.example'], '');
	expect(nobody.code).toBe(1);
	expect(nobody.output).toContain(t('platform.cli.noSuchActiveStaff'));

	const database = await reopen();
	try {
		const users = await database.db
			.selectFrom('staffUsers')
			.select(['email', 'name', 'passwordHash', 'admin', 'serviceAdmin', 'wasAdmin'])
			.orderBy('email')
			.execute();
		expect(users.map((u) => [u.email, u.admin, u.serviceAdmin, u.wasAdmin])).toEqual([
			['another.service@prison.example', true, true, true],
			['first.admin@prison.example', true, true, true],
			['new.officer@prison.example', true, true, true],
			['second.admin@prison.example', true, false, true]
		]);
		expect(await verifyPassword(PASSWORD, users.find((u) => u.email === 'new.officer@prison.example')!.passwordHash)).toBe(true);
	} finally {
		await database.close();
	}
}, 300_000);
