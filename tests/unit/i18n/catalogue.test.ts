// Every catalogue file, English and Welsh, found on disk (so a feature's new pair is covered without
// editing this test): the same files in both languages, the same keys, the same {placeholders}, and
// every pair listed in catalogues.ts so the PWA and the server load it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../src/lib/shared/i18n/catalogues';
import { LOCALES, pluralSettings, translatePlural, type PluralBase } from '../../../src/lib/shared/i18n/index';
import { softMutate } from '../../../src/lib/shared/i18n/welsh';

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

const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];
const categoryOf = (key: string) => key.slice(key.lastIndexOf('.') + 1);
const pluralBase = (key: string) => key.slice(0, key.lastIndexOf('.'));
const welshOnlyForm = (key: string) => ['zero', 'two', 'few', 'many'].includes(categoryOf(key));

/** Count messages: keys `base.<category>` where base has at least two categories (so "Visitor {number}" under `.other` alone is not one). */
function pluralSets(keys: string[]): Map<string, string[]> {
	const sets = new Map<string, string[]>();
	for (const key of new Set(keys.filter((k) => CATEGORIES.includes(categoryOf(k))))) {
		sets.set(pluralBase(key), [...(sets.get(pluralBase(key)) ?? []), categoryOf(key)]);
	}
	return new Map([...sets].filter(([, categories]) => categories.length >= 2));
}

async function allMessages(locale: string): Promise<Record<string, string>> {
	const all: Record<string, string> = {};
	for (const name of names) Object.assign(all, await messagesOf(locale, name));
	return all;
}

describe('message catalogues', () => {
	it('has a Welsh file for every English file and no other', () => {
		expect(names.length).toBeGreaterThanOrEqual(4);
		expect(filesOf('cy')).toEqual(names);
	});

	it.each(names)('%s: Welsh has exactly the English keys, with the same {placeholders}', async (name) => {
		const en = await messagesOf('en', name);
		const cy = await messagesOf('cy', name);
		const missingInWelsh = Object.keys(en).filter((key) => !(key in cy));
		// Welsh may add plural forms of an English count message ("2 gais" beside "{count} cais").
		const missingInEnglish = Object.keys(cy).filter((key) => !(key in en) && !(welshOnlyForm(key) && `${pluralBase(key)}.other` in en));
		expect({ missingInWelsh, missingInEnglish }).toEqual({ missingInWelsh: [], missingInEnglish: [] });
		const differing = Object.keys(en)
			.filter((key) => placeholders(en[key]!).join() !== placeholders(cy[key]!).join())
			.map((key) => `${key}: en {${placeholders(en[key]!).join('}, {')}} / cy {${placeholders(cy[key]!).join('}, {')}}`);
		expect(differing).toEqual([]);
		// A Welsh-only form says no more than the English count message ("Dim …" may leave out {count}).
		const extra = Object.keys(cy)
			.filter((key) => !(key in en))
			.filter((key) => placeholders(cy[key]!).some((p) => !placeholders(en[`${pluralBase(key)}.other`]!).includes(p)));
		expect(extra).toEqual([]);
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

	it('gives every count message an .other in both languages, and a .one in English', async () => {
		const en = await allMessages('en');
		const cy = await allMessages('cy');
		const sets = pluralSets([...Object.keys(en), ...Object.keys(cy)]);
		expect(sets.size).toBeGreaterThanOrEqual(20);
		const broken = [...sets.keys()].filter((base) => !(`${base}.other` in en) || !(`${base}.other` in cy) || !(`${base}.one` in en));
		expect(broken).toEqual([]);
		// The number is always {count}, which plural() fills in.
		const noCount = [...sets.keys()].filter((base) => !en[`${base}.other`]!.includes('{count}'));
		expect(noCount).toEqual([]);
	});

	// Welsh numbers mutate the noun after them: soft after 2 ("2 gais", "2 le", "2 ddiwrnod"),
	// aspirate after 6 ("6 chais", "6 phorwr"). Where the noun changes, the Welsh forms must exist.
	it.each([false, true])('writes the Welsh noun after 2 and 6 as it mutates (CLDR rule instead of Intl: %s)', async (fromRule) => {
		pluralSettings.welshFromRule = fromRule;
		try {
			const cy = await allMessages('cy');
			const aspirate = (word: string) => word.replace(/^([cpt])(?!h)/i, '$1h');
			const wrong: string[] = [];
			for (const base of pluralSets(Object.keys(cy)).keys()) {
				const noun = /\{count\} (\p{L}+)/u.exec(cy[`${base}.other`]!)?.[1];
				if (!noun) continue;
				for (const [count, expected] of [
					[2, softMutate(noun)],
					[6, aspirate(noun)]
				] as const) {
					const text = translatePlural('cy', base as PluralBase, count, {
						references: '',
						available: 1,
						booked: 1,
						arrived: 1,
						cookie: 'c',
						age: 18
					});
					if (!text.includes(`${count} ${expected}`)) wrong.push(`${base} (${count}): ${text}`);
				}
			}
			expect(wrong).toEqual([]);
		} finally {
			pluralSettings.welshFromRule = false;
		}
	});
});
