import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: the Hono server serves build/ and falls back to index.html,
		// so every route opens offline from the service worker's precache.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		// workbox-window registers the worker so we control the "new version available" flow.
		serviceWorker: { register: false },
		csp: { mode: 'hash', directives: { 'script-src': ['self'] } }
	}
};

export default config;
