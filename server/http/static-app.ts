// Serves the built PWA: files from staticDir, and index.html for any other GET so client-side routes
// open directly (and offline, through the service worker's precache).
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';

function cacheControlFor(requestPath: string): string {
	// Content-hashed file names: a new build gets new names, so these never change.
	if (requestPath.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
	// Everything else must be revalidated so a new version (and a new service worker) is seen promptly.
	return 'no-cache';
}

export function staticApp(staticDir: string): { files: MiddlewareHandler; spaFallback: MiddlewareHandler } {
	const root = path.resolve(staticDir);
	const setCaching = (_file: string, c: Context) => {
		c.header('Cache-Control', cacheControlFor(c.req.path));
	};
	return {
		files: serveStatic({ root, onFound: setCaching }),
		// Requests that look like files (/missing.js) get a plain 404, not the page.
		spaFallback: async (c, next) => {
			if (path.extname(c.req.path) !== '' && c.req.path !== '/index.html') return next();
			return serveStatic({
				root,
				path: 'index.html',
				onFound: (_file, ctx) => {
					ctx.header('Cache-Control', 'no-cache');
				}
			})(c, next);
		}
	};
}
