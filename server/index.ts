// `npm start`: settings → database → migrations → demo data → HTTP server. Stops cleanly on SIGTERM/SIGINT.
import path from 'node:path';
import '../src/lib/shared/i18n/all';
import { t } from '../src/lib/shared/i18n/index';
import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

async function main(): Promise<void> {
	let config;
	try {
		config = loadConfig();
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		console.error(t('platform.start.configInvalid'));
		for (const problem of error.problems) console.error(`  ${problem}`);
		process.exit(1);
	}

	const server = await startServer({ config });
	const where = server.databaseKind === 'pglite' ? path.resolve(config.dataDir) : '';
	console.log(t('platform.start.listening', { url: server.url }));
	console.log(t('platform.start.database', { kind: server.databaseKind, where }).trim());
	if (server.seed.seeded && server.seed.prison && server.seed.staff) {
		console.log(t('platform.start.demoPrison', { name: server.seed.prison.name, code: server.seed.prison.code }));
		const { email, generatedPassword } = server.seed.staff;
		// Printed once, to the operator's terminal, and never logged.
		console.log(
			generatedPassword
				? t('platform.start.demoLogin', { email, password: generatedPassword })
				: t('platform.start.demoPasswordFromEnv', { email })
		);
	}

	const stop = (signal: NodeJS.Signals) => {
		console.log(t('platform.start.stopping'));
		server.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(signal, error);
				process.exit(1);
			}
		);
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
