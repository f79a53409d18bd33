import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUTES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/routes');

/** Every page's route id, from the files (every +page.svelte under src/routes): '/', '/book/sent/[id]', … A new page is found too. */
export function pageRoutes(dir = ROUTES_DIR, prefix = ''): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) found.push(...pageRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
		else if (entry.name === '+page.svelte') found.push(prefix || '/');
	}
	return found;
}
