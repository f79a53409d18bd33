import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * One naming style for files: kebab-case (`visitor-queue.ts`, `messages-server.ts`). The exceptions
 * are other tools' conventions: Svelte components are named as their tags (`SlotCalendar.svelte`),
 * SvelteKit's route files start with `+`, a migration's name is stored in the database it ran on
 * (`001_initial.ts`, never renamed), and READMEs are READMEs.
 */

const ROOT = join(import.meta.dirname, '../..');
const FOLDERS = ['src', 'server', 'tests', 'bench', 'docs', 'static'];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)+$/;

function isConventional(path: string, name: string): boolean {
	if (name.endsWith('.svelte')) return /^[A-Z][A-Za-z0-9]*\.svelte$/.test(name) || /^\+[a-z]+(@[a-z]+)?\.svelte$/.test(name);
	if (name.startsWith('+')) return /^\+[a-z]+(\.server)?\.(ts|js)$/.test(name);
	if (path.startsWith('server/db/migrations/')) return /^\d{3}_[a-z0-9_]+\.ts$/.test(name) || name === 'index.ts';
	return name === 'README.md' || KEBAB.test(name);
}

function filesUnder(folder: string): string[] {
	return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('file names', () => {
	it('tells a conventional name from another style', () => {
		expect(isConventional('src/lib/client/visitor-queue.ts', 'visitor-queue.ts')).toBe(true);
		expect(isConventional('src/lib/shared/i18n/en/messagesServer.ts', 'messagesServer.ts')).toBe(false);
		expect(isConventional('src/lib/shared/visit_status.ts', 'visit_status.ts')).toBe(false);
		expect(isConventional('src/lib/components/SlotCalendar.svelte', 'SlotCalendar.svelte')).toBe(true);
		expect(isConventional('src/lib/components/slot-calendar.svelte', 'slot-calendar.svelte')).toBe(false);
		expect(isConventional('src/routes/visits/+page.svelte', '+page.svelte')).toBe(true);
		expect(isConventional('server/db/migrations/021_integration_events.ts', '021_integration_events.ts')).toBe(true);
	});

	it('are kebab-case, apart from other tools’ conventions', () => {
		const odd = FOLDERS.flatMap(filesUnder).filter((path) => !isConventional(path, path.split('/').at(-1)!));
		expect(odd).toEqual([]);
	});
});
