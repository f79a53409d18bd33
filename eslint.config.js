// ESLint flat config: JS + typescript-eslint + Svelte recommended rules, with eslint-config-prettier
// last so ESLint never argues with Prettier about layout. `npm run lint` allows no warnings.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import { defineConfig } from 'eslint/config';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	{
		// Generated, installed or recorded files: not source.
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'test-results/', 'bench/results*', 'docs/screenshots/', '.scratch/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// A leading underscore names a value left out on purpose (`const { secret: _secret, ...rest } = row`).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			],
			// The PWA is served at the site root (no kit.paths.base), so resolve() would return every one of
			// its ~60 links and goto() paths unchanged. Turn this on if the app ever moves under a base path.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Pages and their helpers read and write the device's data through src/lib/client, never through Dexie itself.
		files: ['src/routes/**', 'src/lib/visitor/**', 'src/lib/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: [{ name: 'dexie', message: 'Use a function of src/lib/client (live-query.ts to watch).' }] }
			],
			'no-restricted-syntax': [
				'error',
				{
					selector:
						'MemberExpression[object.property.name=/^(meta|prisons|calendars|requests|drafts|outbox|staffRequests|staffVisits)$/][property.name=/^(get|put|add|update|delete|where|filter|toArray|count|clear|first|modify|bulkGet|bulkPut|bulkAdd|bulkDelete)$/]',
					message: 'A page reads the device through a function of src/lib/client, not a Dexie table.'
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
	}
);
