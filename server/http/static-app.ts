// Serves the built PWA's files (the build's client/ folder), and the app shell: the page with no
// content that the app draws on the device, served for a page when there is no server build to
// render it (server/http/pages.ts), and answered offline by the service worker.
// The build writes a brotli (.br) and a gzip (.gz) copy beside every text file (builder.compress in
// svelte.config.js's adapter); a client that accepts one gets it, with `Vary: Accept-Encoding`
// on every file that has copies so a cache between never hands brotli to a client that cannot read it.
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';

/** The app shell's name in the build (svelte.config.js). */
export const APP_SHELL = 'app-shell.html';

/** The files the build precompresses (@sveltejs/kit's builder.compress). */
const PRECOMPRESSED = new Set(['.html', '.js', '.mjs', '.json', '.css', '.svg', '.xml', '.wasm']);

function cacheControlFor(requestPath: string): string {
	// Content-hashed file names: a new build gets new names, so these never change.
	if (requestPath.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
	// Everything else must be revalidated so a new version (and a new service worker) is seen promptly.
	return 'no-cache';
}

export function staticApp(clientDir: string): { files: MiddlewareHandler; notAFile: MiddlewareHandler; appShell: MiddlewareHandler } {
	const root = path.resolve(clientDir);
	const setCaching = (_file: string, c: Context) => {
		c.header('Cache-Control', cacheControlFor(c.req.path));
		if (PRECOMPRESSED.has(path.extname(c.req.path))) c.header('Vary', 'Accept-Encoding');
	};
	return {
		files: serveStatic({ root, precompressed: true, onFound: setCaching }),
		// Requests that look like files (/missing.js) get a plain 404, not a page.
		notAFile: async (c, next) => (path.extname(c.req.path) === '' ? next() : c.notFound()),
		appShell: serveStatic({
			root,
			path: APP_SHELL,
			precompressed: true,
			onFound: (_file, ctx) => {
				ctx.header('Cache-Control', 'no-cache');
				ctx.header('Vary', 'Accept-Encoding');
			}
		})
	};
}
