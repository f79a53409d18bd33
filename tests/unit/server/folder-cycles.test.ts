import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Server folders import one way (docs/architecture.md): two folders that import each other are one
 * concern split in two, or a piece living in the wrong folder. The pairs allowed below are the ones
 * explained there; a new pair fails this test, and so does a listed pair that no longer exists (so
 * the list and the document stay true). Type-only imports count: they tie the folders together
 * for a reader just the same.
 */

const ALLOWED_PAIRS: Record<string, string> = {
	// The record page lists the prisoner's requests (prisoners/record.ts reads them through
	// requests/repository.ts), and booking a request checks the record (requests → prisoners/confirm,
	// flags, lock). Splitting the page's read out of prisoners/ would make the route join two reads
	// outside the transaction that changes the record.
	'prisoners <-> requests': 'the prisoner record lists requests; a booking checks the record'
};

const SERVER = resolve(__dirname, '../../../server');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
	});
}

/** A file's folder under server/; a file at the top is a node of its own (app.ts, config.ts, …). */
function folderOf(file: string): string {
	const parts = relative(SERVER, file).split('/');
	return parts.length === 1 ? parts[0]!.replace(/\.ts$/, '') + '.ts' : parts[0]!;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\b[^'"`;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The relative specifiers a file imports or re-exports, statically or with import(). */
function importsOf(text: string): string[] {
	return [...text.matchAll(IMPORT)].map((match) => (match[1] ?? match[2])!);
}

function folderEdges(): Map<string, Set<string>> {
	const edges = new Map<string, Set<string>>();
	for (const file of sourceFiles(SERVER)) {
		const from = folderOf(file);
		for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
			const target = resolve(dirname(file), specifier);
			if (!target.startsWith(SERVER + '/')) continue;
			const to = folderOf(target.endsWith('.ts') ? target : `${target}.ts`);
			if (to === from) continue;
			if (!edges.has(from)) edges.set(from, new Set());
			edges.get(from)!.add(to);
		}
	}
	return edges;
}

function mutualPairs(edges: Map<string, Set<string>>): string[] {
	const pairs: string[] = [];
	for (const [a, targets] of edges) {
		for (const b of targets) if (a < b && edges.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);
	}
	return pairs.sort();
}

describe('server folders', () => {
	it('finds the imports in every form the code writes them', () => {
		const text = [
			"import { a } from '../x/a';",
			"import type { B } from './b';",
			'import {\n\tc,\n\ttype D\n} from "../../src/lib/shared/c";',
			"export { e } from '../y/e';",
			"const f = await import('../z/f');",
			"import { g } from 'kysely';"
		].join('\n');
		expect(importsOf(text)).toEqual(['../x/a', './b', '../../src/lib/shared/c', '../y/e', '../z/f']);
	});

	it('import each other only where docs/architecture.md says why', () => {
		expect(mutualPairs(folderEdges())).toEqual(Object.keys(ALLOWED_PAIRS).sort());
	});
});
