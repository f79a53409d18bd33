// Staff accounts from the command line, the operator's own (so never limited by an administrator's scope):
//   npm run staff -- add --email officer@prison.example --name "Sam Officer" --prison RCI [--prison XYZ]
//   npm run staff -- add --email admin@prison.example --name "Ali Admin" --prison RCI --admin
//       an administrator of RCI; the first while no active service administrator exists is a service administrator
//   npm run staff -- add … --service-admin      a service administrator (every prison, administrators, connected systems)
//   npm run staff -- service-admin --email admin@prison.example   makes an existing user a service administrator
//   npm run staff -- set-password --email officer@prison.example
// The password is read from standard input (prompted without echo on a terminal), never from argv,
// where it would end up in shell history and the process list.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { sql, type Transaction } from 'kysely';
import '../../src/lib/shared/i18n/all';
import { t, tPlural } from '../../src/lib/shared/i18n/index';
import { hashPassword } from '../auth/passwords';
import { destroyAllSessionsOf } from '../auth/sessions';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { migrateToLatest } from '../db/migrate';

const MIN_PASSWORD_LENGTH = 10;
// Any fixed number; it names this lock among the database's advisory locks (seed.ts has its own).
const FIRST_SERVICE_ADMIN_LOCK_KEY = 4_242_022;

async function hasServiceAdmin(trx: Transaction<Database>): Promise<boolean> {
	const found = await trx
		.selectFrom('staffUsers')
		.select('id')
		.where('serviceAdmin', '=', true)
		.where('deactivatedAt', 'is', null)
		.limit(1)
		.executeTakeFirst();
	return found !== undefined;
}

class UsageError extends Error {}

async function readPassword(email: string): Promise<string> {
	if (!process.stdin.isTTY) {
		const chunks: Buffer[] = [];
		for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
		return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
	}
	const prompt = t('platform.cli.passwordPrompt', { email });
	const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
	// Echo nothing after the prompt while the password is typed.
	const output = rl as unknown as { _writeToOutput: (text: string) => void };
	let prompted = false;
	output._writeToOutput = (text: string) => {
		if (!prompted) {
			process.stdout.write(text);
			prompted = true;
		}
	};
	const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
	rl.close();
	process.stdout.write('\n');
	return answer.trim();
}

async function main(argv: string[]): Promise<void> {
	const [command, ...rest] = argv;
	const { values } = parseArgs({
		args: rest,
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			prison: { type: 'string', multiple: true },
			admin: { type: 'boolean' },
			'service-admin': { type: 'boolean' }
		},
		strict: true
	});
	const email = values.email?.trim().toLowerCase();
	if (!email || !['add', 'set-password', 'service-admin'].includes(command ?? '')) throw new UsageError();
	if (command === 'add' && (!values.name?.trim() || !values.prison?.length)) throw new UsageError();

	const config = loadConfig();
	const { db, close } = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
	try {
		await migrateToLatest(db);
		if (command === 'add') {
			const codes = values.prison!.flatMap((code) => code.split(',')).map((code) => code.trim().toUpperCase());
			const prisons = await db.selectFrom('prisons').select(['id', 'code']).where('code', 'in', codes).execute();
			const missing = codes.find((code) => !prisons.some((p) => p.code === code));
			if (missing) throw new Error(t('platform.cli.unknownPrison', { code: missing }));

			const password = await readPassword(email);
			if (password.length < MIN_PASSWORD_LENGTH) throw new Error(tPlural('platform.cli.passwordTooShort', MIN_PASSWORD_LENGTH));
			const passwordHash = await hashPassword(password);
			const role = await db.transaction().execute(async (trx) => {
				// Two of these at once must not both be "the first": the lock makes the check and the insert one step.
				await sql`select pg_advisory_xact_lock(${FIRST_SERVICE_ADMIN_LOCK_KEY})`.execute(trx);
				const admin = values.admin === true || values['service-admin'] === true;
				const serviceAdmin = values['service-admin'] === true || (admin && !(await hasServiceAdmin(trx)));
				const { id } = await trx
					.insertInto('staffUsers')
					.values({ email, name: values.name!.trim(), passwordHash, admin, serviceAdmin, wasAdmin: admin })
					.returning('id')
					.executeTakeFirstOrThrow();
				await trx
					.insertInto('staffPrisons')
					.values(prisons.map((p) => ({ staffId: id, prisonId: p.id })))
					.execute();
				return serviceAdmin ? 'service' : admin ? 'prison' : 'officer';
			});
			const added = { email, prisons: codes.join(', ') };
			if (role === 'service') console.log(t('platform.cli.addedServiceAdmin', added));
			else if (role === 'prison') console.log(t('platform.cli.addedAdmin', added));
			else console.log(t('platform.cli.added', added));
		} else if (command === 'service-admin') {
			await db.transaction().execute(async (trx) => {
				const made = await trx
					.updateTable('staffUsers')
					.set({ admin: true, serviceAdmin: true, wasAdmin: true })
					.where('email', '=', email)
					.where('deactivatedAt', 'is', null)
					.returning('id')
					.executeTakeFirst();
				if (!made) throw new Error(t('platform.cli.noSuchActiveStaff'));
				// As in the app (server/admin/staff-users.ts): a link made for the account as it was must not open it now.
				await trx.deleteFrom('staffPasswordTokens').where('staffId', '=', made.id).where('usedAt', 'is', null).execute();
			});
			console.log(t('platform.cli.madeServiceAdmin', { email }));
		} else {
			const staff = await db.selectFrom('staffUsers').select('id').where('email', '=', email).executeTakeFirst();
			if (!staff) throw new Error(t('platform.cli.noSuchStaff'));
			const password = await readPassword(email);
			if (password.length < MIN_PASSWORD_LENGTH) throw new Error(tPlural('platform.cli.passwordTooShort', MIN_PASSWORD_LENGTH));
			await db
				.updateTable('staffUsers')
				.set({ passwordHash: await hashPassword(password) })
				.where('id', '=', staff.id)
				.execute();
			await destroyAllSessionsOf(db, staff.id);
			console.log(t('platform.cli.passwordChanged', { email }));
		}
	} catch (error) {
		if (isUniqueViolation(error)) throw new Error(t('platform.cli.emailTaken'), { cause: error });
		throw error;
	} finally {
		await close();
	}
}

main(process.argv.slice(2)).catch((error: unknown) => {
	if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
		console.error(t('platform.cli.usage'));
	} else {
		console.error(error instanceof Error ? error.message : error);
	}
	process.exit(1);
});
