// GOV.UK style writes the apostrophe people read as the curly ’ (lead visitor’s, i’r), never the
// straight ', and the same way in every message: checks every message of every catalogue file on disk,
// English and Welsh, so a new file is covered without editing this test. Only the messages' text: keys
// and the code around them may keep their quotes.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/lib/shared/i18n/index';

const ROOT = join(import.meta.dirname, '../../../src/lib/shared/i18n');

describe('apostrophes in the catalogues', () => {
	it.each(LOCALES)('%s: no message has a straight apostrophe', async (locale) => {
		const names = readdirSync(join(ROOT, locale)).filter((name) => name.endsWith('.ts'));
		expect(names.length).toBeGreaterThan(4);
		const straight: string[] = [];
		for (const name of names) {
			const module = (await import(pathToFileURL(join(ROOT, locale, name)).href)) as Record<string, Record<string, string>>;
			for (const messages of Object.values(module))
				for (const [key, text] of Object.entries(messages)) if (text.includes("'")) straight.push(`${key}: ${text}`);
		}
		expect(straight).toEqual([]);
	});
});
