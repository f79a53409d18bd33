import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// BPV_BUILD_DIR builds elsewhere than build/ and BPV_VERSION names the build (default: the time it
// was made): the update test builds a second version beside the one the server serves.
const out = process.env.BPV_BUILD_DIR || 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: the Hono server serves build/ and falls back to index.html,
		// so every route opens offline from the service worker's precache.
		// precompress: a .br and a .gz beside every text file (html, js, css, json, svg…), which the server
		// sends by Accept-Encoding (server/http/static-app.ts); they are not in the service worker's precache.
		adapter: adapter({ pages: out, assets: out, fallback: 'index.html', strict: true, precompress: true }),
		...(process.env.BPV_VERSION ? { version: { name: process.env.BPV_VERSION } } : {}),
		// workbox-window registers the worker so we control the "new version available" flow.
		serviceWorker: { register: false },
		csp: { mode: 'hash', directives: { 'script-src': ['self'] } }
	}
};

export default config;
