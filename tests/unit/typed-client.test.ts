// The PWA sees the server only through its types: no module under src/ may import server code as a
// value (that would put server code, and its secrets' handling, into the browser bundle).
// The type test proper is typed-client.types.ts, compiled by `npm run check`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(ts|svelte|js)$/.test(entry.name) ? [path] : [];
	});
}

/** `import … from '…/server/…'` statements, whole (they may span lines). */
export function serverImports(source: string): string[] {
	return [...source.matchAll(/\bimport\s[^;]*?from\s+['"]([^'"]*\/server\/[^'"]*)['"]/g)].map((match) => match[0]);
}

it('finds server imports, and tells type-only ones from the rest', () => {
	const found = serverImports(`import type { ApiType } from '../../../server/app';\nimport {\n\tcreateApp\n} from '../../server/app';`);
	expect(found).toHaveLength(2);
	expect(found.filter((statement) => !/^import\s+type\s/.test(statement))).toEqual([`import {\n\tcreateApp\n} from '../../server/app'`]);
});

it('src/ imports server modules only with `import type`', () => {
	const valueImports = sourceFiles(SRC).flatMap((file) =>
		serverImports(readFileSync(file, 'utf8'))
			.filter((statement) => !/^import\s+type\s/.test(statement))
			.map((statement) => `${relative(SRC, file)}: ${statement}`)
	);
	const typeImports = sourceFiles(SRC).flatMap((file) => serverImports(readFileSync(file, 'utf8')));

	expect(valueImports).toEqual([]);
	// The typed client does import the server's types (so this test is not vacuous).
	expect(typeImports.length).toBeGreaterThan(0);
});
