// Every catalogue file, English and Welsh, found on disk (so a feature's new pair is covered without
// editing this test): the same files in both languages, the same keys, the same {placeholders}, and
// every pair listed in catalogues.ts so the PWA and the server load it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../src/lib/shared/i18n/catalogues';
import { LOCALES } from '../../../src/lib/shared/i18n/index';

const ROOT = join(import.meta.dirname, '../../../src/lib/shared/i18n');
const filesOf = (locale: string) =>
	readdirSync(join(ROOT, locale))
		.filter((name) => name.endsWith('.ts'))
		.map((name) => name.slice(0, -3))
		.sort();

async function messagesOf(locale: string, name: string): Promise<Record<string, string>> {
	const module = (await import(pathToFileURL(join(ROOT, locale, `${name}.ts`)).href)) as Record<string, unknown>;
	const exported = Object.values(module);
	expect(exported, `${locale}/${name}.ts exports one catalogue object`).toHaveLength(1);
	return exported[0] as Record<string, string>;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

const names = filesOf('en');

describe('message catalogues', () => {
	it('has a Welsh file for every English file and no other', () => {
		expect(names.length).toBeGreaterThanOrEqual(4);
		expect(filesOf('cy')).toEqual(names);
	});

	it.each(names)('%s: Welsh has exactly the English keys, with the same {placeholders}', async (name) => {
		const en = await messagesOf('en', name);
		const cy = await messagesOf('cy', name);
		const missingInWelsh = Object.keys(en).filter((key) => !(key in cy));
		const missingInEnglish = Object.keys(cy).filter((key) => !(key in en));
		expect({ missingInWelsh, missingInEnglish }).toEqual({ missingInWelsh: [], missingInEnglish: [] });
		const differing = Object.keys(en)
			.filter((key) => placeholders(en[key]!).join() !== placeholders(cy[key]!).join())
			.map((key) => `${key}: en {${placeholders(en[key]!).join('}, {')}} / cy {${placeholders(cy[key]!).join('}, {')}}`);
		expect(differing).toEqual([]);
		const empty = [...Object.entries(en), ...Object.entries(cy)].filter(([, text]) => typeof text !== 'string' || text.trim() === '');
		expect(empty).toEqual([]);
	});

	it.each(names)('%s: is listed in catalogues.ts, so it is loaded', async (name) => {
		const pair = (catalogues as Record<string, { en: () => Promise<object>; cy: () => Promise<object> } | undefined>)[name];
		expect(pair, `add a line for ${name} to src/lib/shared/i18n/catalogues.ts`).toBeDefined();
		for (const locale of LOCALES) {
			expect(await pair![locale]()).toBe(await import(pathToFileURL(join(ROOT, locale, `${name}.ts`)).href));
		}
	});

	it('never defines a key in two files', async () => {
		const seen = new Map<string, string>();
		const twice: string[] = [];
		for (const name of names) {
			for (const key of Object.keys(await messagesOf('en', name))) {
				if (seen.has(key)) twice.push(`${key} (${seen.get(key)} and ${name})`);
				seen.set(key, name);
			}
		}
		expect(twice).toEqual([]);
	});
});
