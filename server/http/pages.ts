// The pages: SvelteKit's server, from the build's server/ folder, renders each in its reader's
// language (src/hooks.server.ts) inside this server, on the same port and behind the same headers
// as the API. Pages load no data on the server, so a page is its words and its form, and the app
// takes over on the device once its script runs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MiddlewareHandler } from 'hono';
import type { PagePlatform } from '../../src/lib/shared/page-platform';
import { clientAddress } from './client-address';

/** The part of SvelteKit's Server (what an adapter's output exports) this server uses. */
interface KitServer {
	init(options: { env: Record<string, string> }): Promise<void>;
	respond(request: Request, options: { getClientAddress(): string; platform: PagePlatform }): Promise<Response>;
}

/**
 * Renders pages with the build in `buildDir`; null when there is no server build there (the API
 * tests run with none). `api` answers a page's own reads of the API in this process, with the page
 * request's connection, so per-address limits see the real caller.
 */
export function pageRenderer(
	buildDir: string,
	config: { trustProxy?: boolean },
	api: (request: Request, env: unknown) => Response | Promise<Response>
): MiddlewareHandler | null {
	const serverDir = path.join(path.resolve(buildDir), 'server');
	if (!existsSync(path.join(serverDir, 'index.js')) || !existsSync(path.join(serverDir, 'manifest.js'))) return null;
	let started: Promise<KitServer> | undefined;
	const start = async () => {
		const [{ Server }, { manifest }] = (await Promise.all([
			import(pathToFileURL(path.join(serverDir, 'index.js')).href),
			import(pathToFileURL(path.join(serverDir, 'manifest.js')).href)
		])) as [{ Server: new (manifest: unknown) => KitServer }, { manifest: unknown }];
		const server = new Server(manifest);
		await server.init({ env: process.env as Record<string, string> });
		return server;
	};
	return async (c) => {
		started ??= start();
		const server = await started;
		const response = await server.respond(c.req.raw, {
			getClientAddress: () => clientAddress(c, config),
			platform: { api: async (request) => api(request, c.env) }
		});
		// Asked again each time (the ETag makes that a 304 when nothing changed), and kept by no shared
		// cache: a page is written in the language of the request, which a cookie can change.
		if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-cache');
		return response;
	};
}
