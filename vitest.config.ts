import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts'],
		environment: 'node',
		pool: 'forks',
		// Two cores: more workers than that only makes database and browser tests fight.
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 120_000,
		globalSetup: ['tests/helpers/global-setup.ts'],
		setupFiles: ['tests/helpers/i18n-setup.ts']
	}
});
