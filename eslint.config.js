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
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
	}
);
