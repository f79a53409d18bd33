import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const I18N = path.resolve(import.meta.dirname, 'src/lib/shared/i18n');

/*
 * One chunk per language and area of messages (i18n/catalogues.ts), instead of one per pair: a page
 * loads its area's messages in one request, not in nine or twelve. Each request is a round trip on a
 * phone's network (Lighthouse simulates slow 4G over the browser's six connections per host), and
 * every visitor page waited for the visitor area's twelve before its first paint.
 * A pair `name: { area: '…', … }` is the files en/<name>.ts and cy/<name>.ts. The list is read as
 * text (importing it here would bundle every catalogue into the config).
 */
const messageChunks = new Map<string, string>();
const pairs = [...readFileSync(path.join(I18N, 'catalogues.ts'), 'utf8').matchAll(/^\t(\w+): \{ area: '(\w+)'/gm)];
if (pairs.length === 0) throw new Error('vite.config.ts: no message pairs found in i18n/catalogues.ts');
for (const [, name, area] of pairs) {
	for (const locale of ['en', 'cy']) {
		const file = path.join(I18N, locale, `${name}.ts`);
		if (!existsSync(file)) throw new Error(`i18n/catalogues.ts: the pair ${name} has no ${locale}/${name}.ts`);
		messageChunks.set(file, `messages-${locale}-${area}`);
	}
}

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		rolldownOptions: {
			// The plugins' timings are a warning Rolldown prints even at --logLevel warn: a screen of
			// them before `npm start` says where the app is running.
			checks: { bundlerTimings: false },
			output: {
				codeSplitting: { groups: [{ debugName: 'messages', name: (id) => messageChunks.get(id.split('?')[0]!) ?? null }] }
			}
		}
	},
	server: {
		proxy: { '/api': 'http://127.0.0.1:3000' }
	}
});
