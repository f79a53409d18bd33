import { writeFileSync } from 'node:fs';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// BPV_BUILD_DIR builds elsewhere than build/ and BPV_VERSION names the build (default: the time it
// was made): the update test builds a second version beside the one the server serves.
const out = process.env.BPV_BUILD_DIR || 'build';

/**
 * Pages are rendered per request by SvelteKit's server inside the Hono server (server/http/pages.ts),
 * so this adapter only lays the build out for it: client/ (served as files, each with a brotli and a
 * gzip copy beside it, which the server sends by Accept-Encoding), server/ (SvelteKit's Server and
 * its manifest) and client/app-shell.html, the page with no content that the service worker answers
 * a navigation with offline (the app then draws the page on the device, as it always has).
 * adapter-node would add its own HTTP server and a bundling step for a server we do not run.
 * @param {{ out: string }} options
 * @returns {import('@sveltejs/kit').Adapter}
 */
function pagesInHono({ out }) {
	return {
		name: 'book-a-prison-visit',
		async adapt(builder) {
			builder.rimraf(out);
			builder.writeClient(`${out}/client`);
			builder.writePrerendered(`${out}/client`);
			await builder.generateFallback(`${out}/client/app-shell.html`);
			await builder.compress(`${out}/client`);
			builder.writeServer(`${out}/server`);
			writeFileSync(`${out}/server/manifest.js`, `export const manifest = ${builder.generateManifest({ relativePath: './' })};\n`);
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: pagesInHono({ out }),
		...(process.env.BPV_VERSION ? { version: { name: process.env.BPV_VERSION } } : {}),
		// workbox-window registers the worker so we control the "new version available" flow.
		serviceWorker: { register: false },
		// The service worker answers every page with the one app shell, so its links must not depend on the page's path.
		paths: { relative: false },
		csp: { mode: 'hash', directives: { 'script-src': ['self'] } }
	}
};

export default config;
